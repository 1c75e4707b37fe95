/* libFuzzer: the Common Transfer File reader (sp-ctf.c), and the import preview it feeds
 * (sp-store-import.c), on any bytes. */
#include "config.h"

#include "fuzz-common.h"
#include "sp-ctf.h"
#include "sp-xml-safe.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup (TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpImportPreview) preview = sp_ctf_read ((const gchar *) data, size, &error);

  if ((preview == NULL) == (error == NULL))
    abort ();
  if (preview != NULL)
    {
      if (!sp_store_import_prepare (fuzz_store, preview, &error))
        abort ();
      for (guint i = 0; i < preview->items->len; i++)
        {
          SpImportItem *item = g_ptr_array_index (preview->items, i);
          if (!g_utf8_validate (item->name, -1, NULL)
              || (item->kind == SP_IMPORT_REJECTED) != (item->reason != NULL))
            abort ();
        }
    }
  return 0;
}
