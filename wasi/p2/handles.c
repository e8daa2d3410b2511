/*
 * The component instance's handle table (the Canonical ABI's per-instance
 * table): index 0 unused, the most recently freed slot reused first (a free
 * list), grown by mmap (no malloc in the runtime).
 */
#include "os.h"
#include "p2.h"

struct entry {
	uint8_t type;       /* enum p2_resource; P2_RES_NONE: free */
	uint32_t next_free; /* free entries: the next free index, 0 at the end */
	_Alignas(8) uint8_t rep[P2_REP_SIZE];
};

static struct entry *entries;
static uint32_t capacity, used = 1, free_head;

/* The destructors the interfaces define; weak, so a type whose file has none is left NULL. */
typedef void (*p2_dtor)(void *rep);
#define P2_DTOR(name) __attribute__((weak)) void p2_dtor_##name(void *rep);
P2_DTOR(input_stream)
P2_DTOR(output_stream)
P2_DTOR(error)
P2_DTOR(pollable)
P2_DTOR(descriptor)
P2_DTOR(directory_entry_stream)
P2_DTOR(tcp_socket)
P2_DTOR(udp_socket)
P2_DTOR(incoming_datagram_stream)
P2_DTOR(outgoing_datagram_stream)
P2_DTOR(resolve_address_stream)
#undef P2_DTOR

static p2_dtor dtor_of(enum p2_resource type)
{
	switch (type) {
	case P2_RES_INPUT_STREAM: return p2_dtor_input_stream;
	case P2_RES_OUTPUT_STREAM: return p2_dtor_output_stream;
	case P2_RES_ERROR: return p2_dtor_error;
	case P2_RES_POLLABLE: return p2_dtor_pollable;
	case P2_RES_DESCRIPTOR: return p2_dtor_descriptor;
	case P2_RES_DIRECTORY_ENTRY_STREAM: return p2_dtor_directory_entry_stream;
	case P2_RES_TCP_SOCKET: return p2_dtor_tcp_socket;
	case P2_RES_UDP_SOCKET: return p2_dtor_udp_socket;
	case P2_RES_INCOMING_DATAGRAM_STREAM: return p2_dtor_incoming_datagram_stream;
	case P2_RES_OUTGOING_DATAGRAM_STREAM: return p2_dtor_outgoing_datagram_stream;
	case P2_RES_RESOLVE_ADDRESS_STREAM: return p2_dtor_resolve_address_stream;
	default: return 0;
	}
}

static bool grow(void)
{
	uint32_t count = capacity ? capacity * 2 : 64;
	if (count > (1u << 24))
		return false;
	struct entry *bigger = os_mmap_anon((size_t)count * sizeof *bigger, OS_PROT_READ | OS_PROT_WRITE, 0);
	if (!bigger)
		return false;
	if (entries) {
		__builtin_memcpy(bigger, entries, (size_t)capacity * sizeof *entries);
		os_munmap(entries, (size_t)capacity * sizeof *entries);
	}
	entries = bigger;
	capacity = count;
	return true;
}

uint32_t p2_handle_new(enum p2_resource type, const void *rep, uint32_t size)
{
	uint32_t h;
	if (free_head) {
		h = free_head;
		free_head = entries[h].next_free;
	} else {
		if (used >= capacity && !grow())
			rt_trap(RT_TRAP_OUT_OF_MEMORY);
		h = used++;
	}
	struct entry *e = &entries[h];
	e->type = (uint8_t)type;
	e->next_free = 0;
	__builtin_memset(e->rep, 0, sizeof e->rep);
	if (size > sizeof e->rep)
		size = sizeof e->rep;
	if (size)
		__builtin_memcpy(e->rep, rep, size);
	return h;
}

void *p2_handle_get(uint32_t h, enum p2_resource type)
{
	if (h == 0 || h >= used || entries[h].type == P2_RES_NONE)
		rt_trap(RT_TRAP_UNKNOWN_HANDLE);
	if (entries[h].type != type)
		rt_trap(RT_TRAP_HANDLE_WRONG_TYPE);
	return entries[h].rep;
}

void p2_handle_drop(uint32_t h, enum p2_resource type)
{
	void *rep = p2_handle_get(h, type);
	p2_dtor dtor = dtor_of(type);
	if (dtor)
		dtor(rep);
	entries[h].type = P2_RES_NONE;
	entries[h].next_free = free_head;
	free_head = h;
}
