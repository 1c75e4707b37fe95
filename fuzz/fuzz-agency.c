/* libFuzzer: the agency exchange format reader (sp-agency-xml.c: schema validation, then
 * reading), and the import preview it feeds, on any bytes. */
#include "config.h"

#include "fuzz-common.h"
#include "sp-agency-xml.h"
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
  g_autoptr(SpImportPreview) preview = sp_agency_xml_read ((const gchar *) data, size, &error);

  if ((preview == NULL) == (error == NULL))
    abort ();
  if (preview != NULL && !sp_store_import_prepare (fuzz_store, preview, &error))
    abort ();
  return 0;
}
