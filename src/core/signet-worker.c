/* signet-worker.c
 *
 * Copyright 2026 The Signet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "signet-worker"
/* syscall () */
#define _GNU_SOURCE

#include "config.h"

#include "signet-worker-private.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* As nice as a background job, so that the main thread wins the CPU. */
#define WORKER_NICE 5

typedef struct
{
  GTask          *task;
  GTaskThreadFunc func;
  guint           serial;
} Job;

static GPrivate lowered;

/* Lowers the priority of the calling worker thread, once: on a machine with
 * few cores, checks and renders must not take the CPU from the thread that
 * draws the window. Linux sets the nice value per thread; elsewhere this
 * does nothing. The pools' threads are exclusive, so no other work of the
 * process runs on a lowered thread. */
static void
lower_priority (void)
{
  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (TRUE));

#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
    g_debug ("Cannot lower the priority of a worker: %s", g_strerror (errno));
#endif
}

static gboolean
drop_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data, gpointer user_data)
{
  Job     *job = data;
  GTask   *task = job->task;
  GSource *source;

  lower_priority ();

  if (!g_task_return_error_if_cancelled (task))
    job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
               g_task_get_cancellable (task));

  /* The worker's reference to the task, and so to its source object, is
   * dropped on the task's own thread, after the result was delivered there:
   * an inspector or a renderer is never finalized on a worker. (Not with
   * g_main_context_invoke (), which would run it here when no thread owns
   * the context.) */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, drop_task_cb, task, NULL);
  g_source_set_static_name (source, "[signet] drop worker task");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
  g_free (job);
}

/* The newest request first: it is for what the person looks at now. */
static int
newest_first (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Job *ja = a;
  const Job *jb = b;

  return ja->serial < jb->serial ? 1 : ja->serial > jb->serial ? -1 : 0;
}

static GThreadPool *
get_pool (SignetWorkerQueue queue)
{
  static GThreadPool *pools[2];
  static gsize        initialized;

  if (g_once_init_enter (&initialized))
    {
      GError *error = NULL;

      /* One core is left to the main thread. */
      pools[SIGNET_WORKER_INSPECT] = g_thread_pool_new (
        run_job, NULL, CLAMP ((int) g_get_num_processors () - 1, 1, 4), TRUE, &error);
      g_assert_no_error (error);
      /* Poppler renders with a FreeType library that all its documents
       * share: one page at a time, whatever the document. */
      pools[SIGNET_WORKER_RENDER] = g_thread_pool_new (run_job, NULL, 1, TRUE, &error);
      g_assert_no_error (error);
      g_thread_pool_set_sort_function (pools[SIGNET_WORKER_RENDER], newest_first, NULL);

      g_once_init_leave (&initialized, 1);
    }

  return pools[queue];
}

/*
 * signet_worker_run:
 * @queue: which workers run it
 * @task: (transfer full): the task, whose result @func returns
 * @func: the work, called on a worker thread unless @task was cancelled
 *
 * Like g_task_run_in_thread(), on the process's own worker threads, which
 * run at a lower priority than the main thread. The pools live as long as
 * the process.
 */
void
signet_worker_run (SignetWorkerQueue queue, GTask *task, GTaskThreadFunc func)
{
  static gint serial;
  Job        *job;

  g_return_if_fail (G_IS_TASK (task));

  job = g_new0 (Job, 1);
  job->task = task;
  job->func = func;
  job->serial = (guint) g_atomic_int_add (&serial, 1);

  g_thread_pool_push (get_pool (queue), job, NULL);
}
