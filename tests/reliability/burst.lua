-- tests/reliability/burst.lua - a wrk script that stops each thread after
-- its share of requests (wrk -t T -s burst.lua URL -- SHARE MARK) and
-- counts the 5xx answers. A thread that made its share creates the file
-- MARK.<n>; wrk's main thread sleeps its whole -d, so reliability.py sends
-- SIGINT once every thread marked, and done() prints
-- "burst requests R 5xx F p99_us P".
local threads = {}

function setup(thread)
	thread:set("id", #threads)
	table.insert(threads, thread)
end

function init(args)
	share = tonumber(args[1])
	mark = args[2]
	made = 0
	failed = 0
end

function response(status, headers, body)
	made = made + 1
	if status >= 500 then
		failed = failed + 1
	end
	if made == share then
		local f = io.open(mark .. "." .. id, "w")
		f:close()
		wrk.thread:stop()
	end
end

function done(summary, latency, requests)
	local f = 0
	for _, t in ipairs(threads) do
		f = f + t:get("failed")
	end
	io.write(string.format("burst requests %d 5xx %d p99_us %d\n", summary.requests, f,
			       latency:percentile(99)))
end
