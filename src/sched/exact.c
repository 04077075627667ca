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

static void add_nz(struct mip *mp, int row, int col)
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
	mp->ar[mp->nnz] = 1.0;
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
	glp_set_obj_dir(mp->lp, GLP_MAX);
	if (mp->nvar)
		glp_add_cols(mp->lp, mp->nvar);
	for (int j = 1; j <= mp->nvar; j++) {
		glp_set_col_kind(mp->lp, j, GLP_BV);
		glp_set_obj_coef(mp->lp, j, (double)md->m_w[mp->var_m[j]]);
	}
}

static int new_row(struct mip *mp, double ub)
{
	int row = glp_add_rows(mp->lp, 1);

	glp_set_row_bnds(mp->lp, row, GLP_UP, 0.0, ub);
	return row;
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
	if (mp->nnz)
		glp_load_matrix(mp->lp, mp->nnz, mp->ia, mp->ja, mp->ar);
	free(row_t);
	free(row_cap);
	free(row_ps);
	free(row_m);
}

static void callback(glp_tree *tree, void *info)
{
	struct mip *mp = info;
	int best = glp_ios_best_node(tree);

	if (best) {
		double b = glp_ios_node_bound(tree, best);

		if (b < mp->bound)
			mp->bound = b;
	}
	if (glp_ios_reason(tree) == GLP_IHEUR && !mp->gave_start) {
		double *x = xcalloc((size_t)mp->nvar + 1, sizeof(double));

		mp->gave_start = true;
		for (int j = 1; j <= mp->nvar; j++)
			x[j] = mp->st->slot[mp->var_m[j]] == mp->var_s[j];
		glp_ios_heur_sol(tree, x);
		free(x);
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
	st->trail_len = 0;
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
	mp->bound = floor(glp_get_obj_val(mp->lp) + 1e-6);
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	left = time_limit * 1000.0 - (glp_time() - t0);
	io.tm_lim = (int)fmax(1.0, fmin(left, 1e9));
	io.cb_func = callback;
	io.cb_info = mp;
	io.presolve = GLP_OFF;
	rc = glp_intopt(mp->lp, &io);
	if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_EMIPGAP)
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
	free(mp.var_m);
	free(mp.var_s);
	free(mp.ia);
	free(mp.ja);
	free(mp.ar);
	return rc;
}
