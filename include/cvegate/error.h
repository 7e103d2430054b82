/*
 * cvegate/error.h - error codes and the last error message.
 *
 * Every library function that can fail returns int: 0 on success or one of
 * the negative codes below. The place that knows the detail sets a message
 * (file:line and what was expected); callers pass the code up unchanged and
 * the CLI prints cvg_error_last(). The enum only ever grows at the end.
 */
#ifndef CVEGATE_ERROR_H
#define CVEGATE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum cvg_error_code {
	CVG_OK = 0,
	CVG_ERROR = -1,         /* generic failure */
	CVG_ENOMEM = -2,        /* out of memory */
	CVG_EIO = -3,           /* reading or writing a file failed */
	CVG_EPARSE = -4,        /* input is malformed: message names file and place */
	CVG_ELIMIT = -5,        /* input exceeds a documented size limit */
	CVG_EDB = -6,           /* SQLite reported an error, or the schema is wrong */
	CVG_ENOTFOUND = -7,     /* lookup found nothing */
	CVG_EINVAL = -8,        /* invalid argument (usage error) */
	CVG_EVERIFY = -9,       /* checksum or size mismatch against a .meta file */
	CVG_EUNSUPPORTED = -10, /* recognised but unsupported input */
	CVG_ITEROVER = -31,     /* an iteration ended normally */
};

/*
 * Warnings (a skipped line under --lenient, an ignore entry without a
 * reason) go to a callback the caller provides; the library never prints.
 * A NULL callback drops them.
 */
typedef void (*cvg_warn_fn)(const char *message, void *payload);

/* The message set by the last failing call in this thread, or "" if none. */
const char *cvg_error_last(void);

/* Forget the last message. */
void cvg_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif
