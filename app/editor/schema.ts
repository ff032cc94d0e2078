/** The ProseMirror schema of the ONE extension list (browser, server rendering, collaboration). */
import { getSchema } from "@tiptap/core";
import { caseExtensions } from "./extensions";

export const caseSchema = getSchema(caseExtensions());
