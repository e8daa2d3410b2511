/* The temporary objects of one compile, linked in the order made and removed at the end. */
#ifndef WASMC_OBJECTS_H
#define WASMC_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>

struct obj_list {
	char **paths;
	size_t count, cap;
};

/* Creates n empty temporary objects at the end of the list; *added points at their paths. False with a line printed. */
bool obj_list_add(struct obj_list *l, size_t n, const char *const **added);

/* Removes the files and frees the list. */
void obj_list_remove(struct obj_list *l);

#endif
