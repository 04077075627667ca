/*
 * assign_int.h - what the files of src/assign/ share.
 */
#ifndef LIAISON_ASSIGN_ASSIGN_INT_H
#define LIAISON_ASSIGN_ASSIGN_INT_H

#include "assign/assign.h"

/*
 * Clears out's assignment and reports that flow of total review slots
 * could be filled: sets out->missing and returns ERR_CONFLICT naming
 * "reviewers", with why in e->msg. out->eligible must be filled.
 */
int assign_infeasible(const struct assign_problem *p, struct assign_result *out, size_t flow,
		      size_t total, struct err *e);

#endif
