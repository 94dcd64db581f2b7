import { z } from 'zod';
import { MAX_LIST_FILE_BYTES, UAE_LIST_NAMES } from '../master-data/uae-lists';

/**
 * The UAE customer's code lists (docs/decisions/0051): the lists in force, for the capture form's
 * drop-downs and the review's words (any signed-in operator), and an admin's import of the CDP's own
 * list over a shipped one (the file's text, checked in main), or the way back to the shipped list.
 */
const listName = z.enum(UAE_LIST_NAMES);
const entry = z.object({ code: z.string(), label: z.string(), alpha3: z.string().optional() });

export const uaeListSourceSchema = z.object({
  list: listName,
  title: z.string(),
  entries: z.number().int(),
  importedAt: z.string().nullable(),
  importedBy: z.string().nullable(),
});
export type UaeListSourceView = z.infer<typeof uaeListSourceSchema>;

export const MASTER_DATA_CONTRACT = {
  'masterData.uaeLists': {
    request: z.object({}).strict(),
    response: z.object({ lists: z.record(listName, z.array(entry).readonly()), sources: z.array(uaeListSourceSchema) }),
  },
  'masterData.importUaeList': {
    // The bound is the file's (in characters; main bounds its bytes), with room for the JSON around it.
    request: z.object({ list: listName, text: z.string().min(1).max(MAX_LIST_FILE_BYTES + 1024) }).strict(),
    response: uaeListSourceSchema,
  },
  'masterData.revertUaeList': {
    request: z.object({ list: listName }).strict(),
    response: uaeListSourceSchema,
  },
} as const;
