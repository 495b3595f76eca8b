/* hart.c: a hart's run queue (portable). */
#include "vm/hart.h"

bool run_queue_add(struct run_queue *rq, struct vcpu *v)
{
	if (rq->n >= HART_MAX_VCPUS)
		return false;
	rq->vcpu[rq->n++] = v;
	return true;
}

void run_queue_remove(struct run_queue *rq, struct vcpu *v)
{
	for (int i = 0; i < rq->n; i++)
		if (rq->vcpu[i] == v) {
			for (int j = i; j + 1 < rq->n; j++)
				rq->vcpu[j] = rq->vcpu[j + 1];
			rq->n--;
			if (rq->next > i)
				rq->next--;
			return;
		}
}
