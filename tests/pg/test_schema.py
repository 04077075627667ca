"""tests/pg/test_schema.py - the migrations give the same schema on SQLite and
on PostgreSQL: the same tables and views, the same columns in each with the
same class of type, nullability and primary key, the same unique keys and
the same named indexes, and the same triggers. The FTS tables differ by
design (FTS5 against a table of tsvectors): only their names are compared.

Run by tests/pg/cluster.sh, which sets $LIAISON_TEST_PG; needs $LIAISON_BIN.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

BIN = os.environ["LIAISON_BIN"]
PG = os.environ["LIAISON_TEST_PG"]
FTS = {"organisation_fts", "opportunity_fts", "people_fts", "event_fts", "case_fts",
       "expert_fts"}


def type_class(t):
    t = t.lower()
    if "int" in t:
        return "integer"
    if "char" in t or "text" in t:
        return "text"
    if t in ("blob", "bytea"):  # bytes (challenge attachments)
        return "bytes"
    return t


def migrate(target):
    subprocess.run([BIN, "migrate", "--db", target], check=True, capture_output=True)


def sqlite_schema(path):
    db = sqlite3.connect(path)
    q = db.execute
    out = {"tables": set(), "columns": set(), "unique": set(), "indexes": set(),
           "triggers": set()}
    for name, kind in q("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
                        " AND name NOT LIKE 'sqlite_%'"):
        if any(name.startswith(f + "_") for f in FTS):
            continue  # FTS5's shadow tables
        out["tables"].add((name, kind))
        if name in FTS:
            continue
        for _, col, typ, notnull, _, pk in q("SELECT * FROM pragma_table_info(?)", (name,)):
            if not typ and kind == "view":
                typ = "text"  # an expression of a view has no declared type
            out["columns"].add((name, col, type_class(typ), bool(notnull or pk), pk > 0))
        for _, iname, unique, origin, _ in q("SELECT * FROM pragma_index_list(?)", (name,)):
            cols = tuple(r[2] for r in q("SELECT * FROM pragma_index_info(?)", (iname,)))
            if origin == "u":
                out["unique"].add((name, cols))
            elif origin == "c":
                out["indexes"].add((name, iname, bool(unique)))
    out["triggers"] = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return out


def psql(sql):
    r = subprocess.run(["psql", PG, "-AtF", "\t", "-c", sql], check=True, capture_output=True,
                       text=True)
    return [line.split("\t") for line in r.stdout.splitlines() if line]


def pg_schema():
    out = {"tables": set(), "columns": set(), "unique": set(), "indexes": set(),
           "triggers": set()}
    for name, kind in psql("SELECT table_name, table_type FROM information_schema.tables"
                           " WHERE table_schema = current_schema()"):
        out["tables"].add((name, "view" if kind == "VIEW" else "table"))
    pk = {(t, c) for t, c in psql(
        "SELECT tc.table_name, k.column_name FROM information_schema.table_constraints tc"
        " JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)"
        " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()")}
    for t, c, typ, udt, nullable in psql(
            "SELECT table_name, column_name, data_type, udt_name, is_nullable"
            " FROM information_schema.columns WHERE table_schema = current_schema()"):
        if t in FTS or c == "rowid":
            continue  # the FTS tables, and SQLite's implicit rowid made explicit
        typ = udt if typ == "USER-DEFINED" else typ
        out["columns"].add((t, c, type_class("text" if typ == "citext" else typ),
                            nullable == "NO", (t, c) in pk))
    for t, name, cols in psql(
            "SELECT tc.table_name, tc.constraint_name,"
            " string_agg(k.column_name, ',' ORDER BY k.ordinal_position)"
            " FROM information_schema.table_constraints tc JOIN"
            " information_schema.key_column_usage k USING (constraint_schema, constraint_name)"
            " WHERE tc.constraint_type = 'UNIQUE' AND tc.table_schema = current_schema()"
            " GROUP BY 1, 2"):
        out["unique"].add((t, tuple(cols.split(","))))
    for t, name, unique in psql(
            "SELECT c.relname, i.relname, x.indisunique FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND NOT x.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)"):
        if t not in FTS:
            out["indexes"].add((t, name, unique == "t"))
    out["triggers"] = {r[0] for r in psql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    return out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "schema.db")
        migrate(path)
        migrate(PG)
        migrate(PG)  # a second run applies nothing
        lite, pg = sqlite_schema(path), pg_schema()
    failed = 0
    for part in lite:
        only_lite, only_pg = lite[part] - pg[part], pg[part] - lite[part]
        for x in sorted(only_lite, key=str):
            print(f"{part}: only on SQLite: {x}")
        for x in sorted(only_pg, key=str):
            print(f"{part}: only on PostgreSQL: {x}")
        failed += len(only_lite) + len(only_pg)
        print(f"{part}: {len(lite[part])} on SQLite, {len(pg[part])} on PostgreSQL")
    if failed:
        print(f"test_schema: {failed} differences")
        return 1
    print("test_schema: the same schema on both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
