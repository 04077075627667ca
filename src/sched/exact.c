/*
 * exact.c - the exact mode: the weight MIP solved with GLPK.
 *
 * One binary x[m][s] per free meeting m and slot s where it may be held
 * around the locked meetings. Rows: each meeting at most once; each person
 * at most once per slot and at most their cap; each slot at most the
 * tables left for on-site meetings (tables are interchangeable in a slot,
 * numbers come afterwards). Objective: the weight. The heuristic's
 * schedule is handed to GLPK as its first incumbent, so the exact mode is
 * never worse; the LP relaxation and the open nodes give the bound.
 */
#include "sched/sched_internal.h"

#include "core/xalloc.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct mip {
	struct sched_state *st;
	glp_prob *lp;
	int32_t nvar;
	int32_t *var_m, *var_s; /* 1-based column -> meeting, rank */
	int *ia, *ja;
	double *ar;
	int nnz, nz_room;
	double bound;           /* best proven bound seen */
	bool gave_start;
	bool gaps;              /* the gaps MIP: weight kept, gaps minimised */
	int ncols;              /* x columns, then f, l, g per person and rank, u */
	int *gcol;              /* np * nt: the person's f column at a rank, 0 */
	int *ucol;              /* np: the unmet column, 0 */
	uint64_t node_limit;    /* stop after this many nodes (0: none) */
	double *start;          /* the incumbent handed in, 1-based */
};

static bool locked_at(const struct sched_state *st, int32_t p, int32_t s)
{
	int32_t c = st->occ[(size_t)p * st->md->nt + s];

	return c >= 0 && st->md->m_kind[c] == MK_LOCKED;
}

static int32_t locked_onsite(const struct sched_state *st, int32_t s)
{
	int32_t n = 0;

	for (int32_t i = 0; i < st->s_n[s]; i++)
		n += st->md->m_kind[st->s_items[s][i]] == MK_LOCKED;
	return n;
}

static int32_t locked_count(const struct sched_state *st, int32_t p)
{
	const struct sched_model *md = st->md;
	int32_t n = 0;

	for (int32_t i = md->p_moff[p]; i < md->p_moff[p + 1]; i++)
		n += md->m_kind[md->p_mlist[i]] == MK_LOCKED && st->slot[md->p_mlist[i]] >= 0;
	return n;
}

static void add_nz_v(struct mip *mp, int row, int col, double v)
{
	if (mp->nnz + 2 > mp->nz_room) {
		mp->nz_room = mp->nz_room ? mp->nz_room * 2 : 1024;
		mp->ia = xreallocarray(mp->ia, (size_t)mp->nz_room, sizeof(int));
		mp->ja = xreallocarray(mp->ja, (size_t)mp->nz_room, sizeof(int));
		mp->ar = xreallocarray(mp->ar, (size_t)mp->nz_room, sizeof(double));
	}
	mp->nnz++;
	mp->ia[mp->nnz] = row;
	mp->ja[mp->nnz] = col;
	mp->ar[mp->nnz] = v;
}

static void add_nz(struct mip *mp, int row, int col)
{
	add_nz_v(mp, row, col, 1.0);
}

static void make_columns(struct mip *mp)
{
	const struct sched_state *st = mp->st;
	const struct sched_model *md = st->md;
	size_t room = 16;

	mp->var_m = xmalloc(room * sizeof(int32_t));
	mp->var_s = xmalloc(room * sizeof(int32_t));
	for (int32_t m = 0; m < md->nm; m++) {
		const uint64_t *f = md->m_feas + (size_t)m * md->nw;

		if (md->m_kind[m] != MK_FREE)
			continue;
		for (int32_t s = sched_next_bit(f, md->nw, 0); s >= 0; s = sched_next_bit(f, md->nw, s + 1)) {
			bool ok = !md->m_onsite[m] || locked_onsite(st, s) < md->tables;

			for (int32_t k = md->m_poff[m]; ok && k < md->m_poff[m + 1]; k++)
				ok = !locked_at(st, md->m_plist[k], s);
			if (!ok)
				continue;
			if ((size_t)mp->nvar + 2 > room) {
				room *= 2;
				mp->var_m = xreallocarray(mp->var_m, room, sizeof(int32_t));
				mp->var_s = xreallocarray(mp->var_s, room, sizeof(int32_t));
			}
			mp->nvar++;
			mp->var_m[mp->nvar] = m;
			mp->var_s[mp->nvar] = s;
		}
	}
	glp_set_obj_dir(mp->lp, mp->gaps ? GLP_MIN : GLP_MAX);
	if (mp->nvar)
		glp_add_cols(mp->lp, mp->nvar);
	for (int j = 1; j <= mp->nvar; j++) {
		glp_set_col_kind(mp->lp, j, GLP_BV);
		glp_set_obj_coef(mp->lp, j, mp->gaps ? 0.0 : (double)md->m_w[mp->var_m[j]]);
	}
	mp->ncols = mp->nvar;
}

static int new_row(struct mip *mp, double ub)
{
	int row = glp_add_rows(mp->lp, 1);

	glp_set_row_bnds(mp->lp, row, GLP_UP, 0.0, ub);
	return row;
}

static int new_col(struct mip *mp, double ub, double cost)
{
	int col = glp_add_cols(mp->lp, 1);

	glp_set_col_bnds(mp->lp, col, ub > 0 ? GLP_DB : GLP_FX, 0.0, ub);
	glp_set_obj_coef(mp->lp, col, cost);
	mp->ncols = col;
	return col;
}

static int new_row_lo(struct mip *mp, double lb)
{
	int row = glp_add_rows(mp->lp, 1);

	glp_set_row_bnds(mp->lp, row, GLP_LO, lb, 0.0);
	return row;
}

/* The x columns of each (person, rank), in CSR form over np * nt. */
static void index_busy(const struct mip *mp, int **off_out, int **col_out)
{
	const struct sched_model *md = mp->st->md;
	size_t n = (size_t)md->np * md->nt;
	int *off = xcalloc(n + 2, sizeof(int)), *col;

	for (int j = 1; j <= mp->nvar; j++)
		for (int32_t k = md->m_poff[mp->var_m[j]]; k < md->m_poff[mp->var_m[j] + 1]; k++)
			off[(size_t)md->m_plist[k] * md->nt + mp->var_s[j] + 2]++;
	for (size_t i = 2; i < n + 2; i++)
		off[i] += off[i - 1];
	col = xmalloc(((size_t)off[n + 1] + 1) * sizeof(int));
	for (int j = 1; j <= mp->nvar; j++)
		for (int32_t k = md->m_poff[mp->var_m[j]]; k < md->m_poff[mp->var_m[j] + 1]; k++)
			col[off[(size_t)md->m_plist[k] * md->nt + mp->var_s[j] + 1]++] = j;
	*off_out = off;
	*col_out = col;
}

/* row gets coef * y_ps (p's x columns at s); returns y's constant part. */
static double busy_terms(struct mip *mp, const int *off, const int *col, int row, int32_t p,
			 int32_t s, double coef)
{
	size_t ps = (size_t)p * mp->st->md->nt + s;

	if (locked_at(mp->st, p, s))
		return 1.0;
	for (int i = off[ps]; i < off[ps + 1]; i++)
		add_nz_v(mp, row, col[i], coef);
	return 0.0;
}

/* Person p on day d: f (a meeting at or before), l (at or after), g (an
 * idle gap: f + l - 1 - y, on available ranks) per rank. With x integer the
 * least f, l and g are integer, so only x needs to be. */
static void person_day(struct mip *mp, const int *off, const int *col, int32_t p, int32_t d)
{
	const struct sched_model *md = mp->st->md;
	int32_t a = md->day_first[d], b = md->day_first[d + 1];

	for (int32_t s = a; s < b; s++) {
		bool gap = sched_bit(md->p_avail + (size_t)p * md->nw, s) && !locked_at(mp->st, p, s);
		int f = new_col(mp, 1, 0), l = new_col(mp, 1, 0), g = new_col(mp, gap, 1), row;
		double c;

		mp->gcol[(size_t)p * md->nt + s] = f;
		row = new_row_lo(mp, 0);
		add_nz(mp, row, f);
		c = busy_terms(mp, off, col, row, p, s, -1);
		glp_set_row_bnds(mp->lp, row, GLP_LO, c, 0.0);
		row = new_row_lo(mp, 0);
		add_nz(mp, row, l);
		glp_set_row_bnds(mp->lp, row, GLP_LO, busy_terms(mp, off, col, row, p, s, -1), 0.0);
		if (s > a) {
			row = new_row_lo(mp, 0);
			add_nz(mp, row, f);
			add_nz_v(mp, row, f - 3, -1);
			row = new_row_lo(mp, 0);
			add_nz(mp, row, l - 3);
			add_nz_v(mp, row, l, -1);
		}
		if (!gap)
			continue;
		row = new_row_lo(mp, -1);
		add_nz(mp, row, g);
		add_nz_v(mp, row, f, -1);
		add_nz_v(mp, row, l, -1);
		busy_terms(mp, off, col, row, p, s, 1);
	}
}

/* The gaps MIP: the weight row, the gap columns of each person-day where
 * the person has a free meeting, the unmet columns. */
static void make_gap_rows(struct mip *mp)
{
	const struct sched_state *st = mp->st;
	const struct sched_model *md = st->md;
	int *off, *col, row;
	int64_t locked = 0;

	index_busy(mp, &off, &col);
	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_LOCKED && st->slot[m] >= 0)
			locked += md->m_w[m];
	row = new_row_lo(mp, (double)(st->weight - locked));
	for (int j = 1; j <= mp->nvar; j++)
		add_nz_v(mp, row, j, (double)md->m_w[mp->var_m[j]]);
	for (int32_t p = 0; p < md->np; p++) {
		size_t o = (size_t)p * md->nt;
		bool any = false;

		for (int32_t d = 0; d < md->nd; d++) {
			bool here = false;

			for (int32_t s = md->day_first[d]; s < md->day_first[d + 1]; s++)
				here |= off[o + s + 1] > off[o + s];
			any |= here;
			if (here)
				person_day(mp, off, col, p, d);
		}
		if (!any || locked_count(st, p) > 0)
			continue;
		mp->ucol[p] = new_col(mp, 1, 1);
		row = new_row_lo(mp, 1);
		add_nz(mp, row, mp->ucol[p]);
		for (int32_t s = 0; s < md->nt; s++)
			busy_terms(mp, off, col, row, p, s, 1);
	}
	free(col);
	free(off);
}

/* Rows: meeting once, person once a slot, person cap, tables a slot. */
static void make_rows(struct mip *mp)
{
	const struct sched_state *st = mp->st;
	const struct sched_model *md = st->md;
	int *row_m = xcalloc((size_t)md->nm + 1, sizeof(int));
	int *row_ps = xcalloc((size_t)md->np * md->nt + 1, sizeof(int));
	int *row_cap = xcalloc((size_t)md->np + 1, sizeof(int));
	int *row_t = xcalloc((size_t)md->nt + 1, sizeof(int));

	for (int j = 1; j <= mp->nvar; j++) {
		int32_t m = mp->var_m[j], s = mp->var_s[j];

		if (!row_m[m])
			row_m[m] = new_row(mp, 1.0);
		add_nz(mp, row_m[m], j);
		for (int32_t k = md->m_poff[m]; k < md->m_poff[m + 1]; k++) {
			int32_t p = md->m_plist[k];
			size_t ps = (size_t)p * md->nt + s;

			if (!row_ps[ps])
				row_ps[ps] = new_row(mp, 1.0);
			add_nz(mp, row_ps[ps], j);
			if (md->p_cap[p] == INT32_MAX)
				continue;
			if (!row_cap[p])
				row_cap[p] = new_row(mp, md->p_cap[p] - locked_count(st, p));
			add_nz(mp, row_cap[p], j);
		}
		if (!md->m_onsite[m])
			continue;
		if (!row_t[s])
			row_t[s] = new_row(mp, md->tables - locked_onsite(st, s));
		add_nz(mp, row_t[s], j);
	}
	if (mp->gaps)
		make_gap_rows(mp);
	if (mp->nnz)
		glp_load_matrix(mp->lp, mp->nnz, mp->ia, mp->ja, mp->ar);
	free(row_t);
	free(row_cap);
	free(row_ps);
	free(row_m);
}

/* The columns of st's schedule: x, and in the gaps MIP the least f, l, g
 * and u that go with it. */
static double *start_values(const struct mip *mp)
{
	const struct sched_state *st = mp->st;
	const struct sched_model *md = st->md;
	double *x = xcalloc((size_t)mp->ncols + 1, sizeof(double));

	for (int j = 1; j <= mp->nvar; j++)
		x[j] = st->slot[mp->var_m[j]] == mp->var_s[j];
	for (int32_t p = 0; mp->gaps && p < md->np; p++) {
		const uint64_t *b = st->busy + (size_t)p * md->nw;

		if (mp->ucol[p])
			x[mp->ucol[p]] = st->count[p] == 0;
		for (int32_t d = 0; d < md->nd; d++) {
			int32_t a = md->day_first[d], e = md->day_first[d + 1], first = -1, last = -1;

			if (!mp->gcol[(size_t)p * md->nt + a])
				continue;
			for (int32_t s = a; s < e; s++)
				if (sched_bit(b, s)) {
					first = first < 0 ? s : first;
					last = s;
				}
			for (int32_t s = a; s < e; s++) {
				int f = mp->gcol[(size_t)p * md->nt + s];
				bool in = first >= 0 && s >= first && s <= last;

				x[f] = first >= 0 && s >= first;
				x[f + 1] = first >= 0 && s <= last;
				x[f + 2] = in && !sched_bit(b, s) && glp_get_col_ub(mp->lp, f + 2) > 0;
			}
		}
	}
	return x;
}

/* The objective of the start: st's gaps and unmet people the MIP sees. */
static int64_t start_cost(const struct mip *mp)
{
	double c = 0;

	for (int j = mp->nvar + 1; j <= mp->ncols; j++)
		c += glp_get_obj_coef(mp->lp, j) * mp->start[j];
	return llround(c);
}

static void callback(glp_tree *tree, void *info)
{
	struct mip *mp = info;
	int best = glp_ios_best_node(tree);

	if (best) {
		double b = glp_ios_node_bound(tree, best);

		if (mp->gaps ? b > mp->bound : b < mp->bound)
			mp->bound = b;
	}
	if (glp_ios_reason(tree) == GLP_IHEUR && !mp->gave_start) {
		mp->gave_start = true;
		glp_ios_heur_sol(tree, mp->start);
	}
	if (mp->node_limit && glp_ios_reason(tree) == GLP_ISELECT) {
		int total;

		glp_ios_tree_size(tree, NULL, NULL, &total);
		if ((uint64_t)total > mp->node_limit)
			glp_ios_terminate(tree);
	}
}

/* Replaces the free meetings' places by the MIP's solution. */
static void take_solution(struct mip *mp)
{
	struct sched_state *st = mp->st;
	const struct sched_model *md = st->md;

	for (int32_t m = 0; m < md->nm; m++)
		if (md->m_kind[m] == MK_FREE && st->slot[m] >= 0)
			sched_state_unassign(st, m);
	for (int j = 1; j <= mp->nvar; j++)
		if (glp_mip_col_val(mp->lp, j) > 0.5)
			sched_state_assign(st, mp->var_m[j], mp->var_s[j]);
}

static int solve_mip(struct mip *mp, double time_limit, struct err *e)
{
	glp_smcp sm;
	glp_iocp io;
	double t0 = glp_time(), left;
	int rc;

	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.tm_lim = (int)fmin(time_limit * 1000.0, 1e9);
	rc = glp_simplex(mp->lp, &sm);
	if (rc == GLP_ETMLIM)
		return 1;
	if (rc != 0 || glp_get_status(mp->lp) != GLP_OPT)
		return err_set(e, ERR_INTERNAL, NULL, "GLPK simplex failed (code %d)", rc);
	mp->bound = mp->gaps ? ceil(glp_get_obj_val(mp->lp) - 1e-6)
			     : floor(glp_get_obj_val(mp->lp) + 1e-6);
	mp->start = start_values(mp);
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	left = time_limit * 1000.0 - (glp_time() - t0);
	io.tm_lim = (int)fmax(1.0, fmin(left, 1e9));
	io.cb_func = callback;
	io.cb_info = mp;
	io.presolve = GLP_OFF;
	rc = glp_intopt(mp->lp, &io);
	if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_EMIPGAP && rc != GLP_ESTOP)
		return err_set(e, ERR_INTERNAL, NULL, "GLPK branch and bound failed (code %d)", rc);
	return 0;
}

int sched_exact(struct sched_state *st, double time_limit, bool *optimal, double *gap,
		int64_t *bound, struct err *e)
{
	struct mip mp;
	int rc;

	memset(&mp, 0, sizeof(mp));
	mp.st = st;
	mp.bound = HUGE_VAL;
	glp_term_out(GLP_OFF);
	mp.lp = glp_create_prob();
	make_columns(&mp);
	make_rows(&mp);
	*optimal = false;
	*bound = INT64_MAX;
	if (mp.nvar == 0) {
		*optimal = true;
		rc = 0;
	} else {
		rc = solve_mip(&mp, time_limit, e);
	}
	if (rc == 0 && mp.nvar) {
		int status = glp_mip_status(mp.lp);
		int64_t locked = 0, found = (int64_t)llround(glp_mip_obj_val(mp.lp));

		for (int32_t m = 0; m < st->md->nm; m++)
			if (st->md->m_kind[m] == MK_LOCKED && st->slot[m] >= 0)
				locked += st->md->m_w[m];
		if ((status == GLP_OPT || status == GLP_FEAS) && locked + found >= st->weight)
			take_solution(&mp);
		st->trail_len = 0;
		*optimal = status == GLP_OPT;
		if (*optimal)
			mp.bound = found;
		if (mp.bound < HUGE_VAL)
			*bound = locked + (int64_t)floor(mp.bound + 1e-6);
	}
	if (rc == 1)
		rc = 0; /* time limit before the LP ended: no bound, heuristic stays */
	if (*bound < st->weight)
		*bound = st->weight;
	*gap = *bound == INT64_MAX || *bound == 0 ? 0 : (double)(*bound - st->weight) / (double)*bound;
	if (*bound == INT64_MAX && !*optimal)
		*gap = 1;
	glp_delete_prob(mp.lp);
	free(mp.start);
	free(mp.var_m);
	free(mp.var_s);
	free(mp.ia);
	free(mp.ja);
	free(mp.ar);
	return rc;
}

int sched_exact_gaps(struct sched_state *st, double time_limit, uint64_t node_limit,
		     int64_t *sec_bound, struct err *e)
{
	const struct sched_model *md = st->md;
	struct mip mp;
	int rc = 0;

	memset(&mp, 0, sizeof(mp));
	mp.st = st;
	mp.gaps = true;
	mp.bound = -HUGE_VAL;
	mp.node_limit = node_limit;
	mp.gcol = xcalloc((size_t)md->np * md->nt + 1, sizeof(int));
	mp.ucol = xcalloc((size_t)md->np + 1, sizeof(int));
	glp_term_out(GLP_OFF);
	mp.lp = glp_create_prob();
	make_columns(&mp);
	make_rows(&mp);
	*sec_bound = 0;
	if (mp.nvar)
		rc = solve_mip(&mp, time_limit, e);
	if (rc == 0 && mp.nvar) {
		int status = glp_mip_status(mp.lp);
		int64_t before = st->sec, weight = st->weight;
		size_t mark = st->trail_len;

		if (status == GLP_OPT || status == GLP_FEAS) {
			take_solution(&mp);
			/* never worse than the schedule handed in */
			if (st->weight < weight || st->sec > before)
				sched_state_undo(st, mark);
			st->trail_len = mark;
		}
		if (status == GLP_OPT)
			mp.bound = glp_mip_obj_val(mp.lp);
		if (mp.bound > -HUGE_VAL)
			*sec_bound = before - start_cost(&mp) + (int64_t)ceil(mp.bound - 1e-6);
	}
	if (rc == 1)
		rc = 0;
	glp_delete_prob(mp.lp);
	free(mp.start);
	free(mp.gcol);
	free(mp.ucol);
	free(mp.var_m);
	free(mp.var_s);
	free(mp.ia);
	free(mp.ja);
	free(mp.ar);
	return rc;
}
