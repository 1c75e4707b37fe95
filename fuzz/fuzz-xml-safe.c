/* libFuzzer: the hardened parser alone (sp-xml-safe.c), on any bytes. */
#include "config.h"

#include "fuzz-common.h"
#include "sp-xml-safe.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup (FALSE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  xmlDoc *doc = sp_xml_parse ((const gchar *) data, size, &error);

  /* Exactly one of a document or an error, and the error is a sentence. */
  if ((doc == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (error->message == NULL || !g_utf8_validate (error->message, -1, NULL)))
    abort ();
  if (doc != NULL)
    {
      g_autofree gchar *text = sp_xml_text (xmlDocGetRootElement (doc));
      if (!g_utf8_validate (text, -1, NULL))
        abort ();
      xmlFreeDoc (doc);
    }
  return 0;
}
