/* sp-export-file.c: the one place exports write their files.
 *
 * A file is written to a temporary file beside it (0600), synced, and only then renamed to
 * its name, so the chosen file is either the one that was there or the whole new one. This is
 * what g_file_set_contents_full (CONSISTENT | DURABLE) does too, but its errors name the
 * temporary file ("Failed to write file “reg.csv.R8T2Y3”: write() failed: …") and it turns
 * EFBIG and EDQUOT into G_FILE_ERROR_FAILED, so a full disk could not be told from anything
 * else. Here every failure is a sentence about the file the user chose. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sp-export-file.h"

G_DEFINE_QUARK (sp-export-error-quark, sp_export_error)

/* @saved (errno) while saving @path, in words. */
static void
set_save_error (const gchar  *path,
                int           saved,
                GError      **error)
{
  switch (saved)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_DISK_FULL,
                   _("There is not enough space on the disk to save “%s”. Free some space and "
                     "try again."), path);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_WRITE,
                   _("“%s” could not be saved: the folder it is meant for does not exist."),
                   path);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_WRITE,
                   _("“%s” could not be saved: you may not save files in that folder."), path);
      break;
    case EROFS:
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_WRITE,
                   _("“%s” could not be saved: that disk can only be read, not written to."),
                   path);
      break;
    case EISDIR:
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_WRITE,
                   _("“%s” could not be saved: there is a folder of that name."), path);
      break;
    default:
      g_set_error (error, SP_EXPORT_ERROR, SP_EXPORT_ERROR_WRITE,
                   _("“%s” could not be saved (%s)."), path, g_strerror (saved));
      break;
    }
}

gboolean
sp_export_save_file (const gchar  *path,
                     const gchar  *data,
                     gsize         length,
                     GError      **error)
{
  g_autofree gchar *dir = g_path_get_dirname (path);
  g_autofree gchar *base = g_path_get_basename (path);
  g_autofree gchar *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  gsize done = 0;
  int fd, saved = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_save_error (path, errno, error);
      return FALSE;
    }
  while (done < length && saved == 0)
    {
      gssize n = write (fd, data + done, length - done);

      if (n > 0)
        done += (gsize) n;
      else if (n < 0 && errno != EINTR)
        saved = errno;
      else if (n == 0)
        saved = ENOSPC;
    }
  if (saved == 0 && fsync (fd) != 0)
    saved = errno;
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (tmp);
      set_save_error (path, saved, error);
      return FALSE;
    }

  /* The rename itself on disk too. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}
