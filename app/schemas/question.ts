/** The /questions/$id action's intents (docs/decisions/019). Bodies are read by readPostBody (app/editor/reduced-schema.ts). */
import { z } from "zod";

const postRef = { kind: z.enum(["question", "answer"]), postId: z.string().min(1).max(64) };

export const QuestionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("answer") }),
  z.object({ intent: z.literal("edit"), ...postRef }),
  z.object({ intent: z.literal("delete"), ...postRef }),
  z.object({ intent: z.literal("mark"), answered: z.enum(["0", "1"]) }),
  z.object({ intent: z.literal("hide"), ...postRef, reason: z.string().max(10_000) }),
  z.object({ intent: z.literal("unhide"), ...postRef }),
]);

export type QuestionActionInput = z.infer<typeof QuestionActionSchema>;
