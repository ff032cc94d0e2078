/**
 * Checks a Yjs update from a live client BEFORE it is applied to the shared document
 * (issue 10, fault 2): one editor must not be able to build a structure that the rest of the
 * system cannot read, render or store - and so stop everyone else's text from being stored.
 *
 * The update is decoded (not applied) and each new item is placed in the existing document:
 * its parent is found through the update's own items or the document, the depth of every
 * new element and text is measured, characters and nodes are counted per section, attribute
 * values are measured. Nothing here recurses over the document's nesting.
 *
 * Refused: anything that does not decode, items whose place cannot be found (they would wait
 * as "pending" and slip in later), roots other than the case's sections, sub-documents and
 * binary content, elements deeper than MAX_NESTING_DEPTH, a section going over
 * MAX_SECTION_CHARS / MAX_SECTION_NODES, oversized or deeply nested attribute values.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are generic over their events */
import * as Y from "yjs";
import {
  MAX_ATTRIBUTE_DEPTH,
  MAX_NESTING_DEPTH,
  MAX_SECTION_ATTRIBUTE_CHARS,
  MAX_SECTION_CHARS,
  MAX_SECTION_NODES,
  measureValue,
} from "./limits";
import { SECTION_KEYS } from "./sections";

export type UpdateRefusal =
  | "malformed"
  | "unknown-parent"
  | "unknown-root"
  | "unsupported-content"
  | "too-deep"
  | "section-too-long"
  | "too-many-nodes"
  | "bad-attribute";

export interface UpdateVerdict {
  ok: boolean;
  reason?: UpdateRefusal;
  detail?: string;
  /** Deepest new element/text (0 when the update adds none). */
  depth: number;
  /** Characters added per section (before deletions). */
  chars: Record<string, number>;
}

const ROOTS = new Set<string>(SECTION_KEYS);

/** Where a (new or existing) type sits: its section and depth (the section's root = 0), or dead (parent deleted/GC). */
type Place = { root: string; depth: number } | "dead";

type Struct = Y.Item | Y.GC | Y.Skip;

/** Depth and section of a type that is already in the document (walks up, at most MAX depth + 1 steps). */
function placeOfType(type: Y.AbstractType<any>): Place {
  let depth = 0;
  let t: Y.AbstractType<any> = type;
  while (t._item) {
    depth += 1;
    if (depth > MAX_NESTING_DEPTH + 1) break; // already too deep: the exact figure does not matter
    const parent = t._item.parent;
    if (!(parent instanceof Y.AbstractType)) return "dead";
    t = parent;
  }
  if (t._item) return { root: "?", depth };
  try {
    return { root: Y.findRootTypeKey(t), depth };
  } catch {
    return "dead";
  }
}

function findIn(list: Struct[] | undefined, clock: number): Struct | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  if (Y.getState(doc.store, id.client) <= id.clock) return undefined;
  try {
    return Y.getItem(doc.store, id) as Y.Item | Y.GC;
  } catch {
    return undefined;
  }
}

export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  const verdict: UpdateVerdict = { ok: true, depth: 0, chars: {} };
  const refuse = (reason: UpdateRefusal, detail?: string): UpdateVerdict => ({ ...verdict, ok: false, reason, detail });
  let structs: Struct[];
  try {
    structs = Y.decodeUpdate(update).structs as Struct[];
  } catch (error) {
    return refuse("malformed", error instanceof Error ? error.message : String(error));
  }
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  // Place of the PARENT of each new item (memoised by the struct), resolved without recursion.
  const parentPlace = new Map<Y.Item, Place | null>();
  /** Place of the type that `item` (new, ContentType) creates. */
  const ownPlace = (item: Y.Item, parent: Place): Place => (parent === "dead" ? "dead" : { root: parent.root, depth: parent.depth + 1 });

  /** One step: either the answer, or another new item that must be resolved first. */
  const step = (item: Y.Item): { place: Place | null } | { needs: Y.Item; via: "parent" | "sibling" } => {
    const parent = item.parent as unknown;
    if (typeof parent === "string") return { place: ROOTS.has(parent) ? { root: parent, depth: 0 } : null };
    if (parent instanceof Y.ID) {
      const inUpdate = findIn(byClient.get(parent.client), parent.clock);
      if (inUpdate) {
        if (!(inUpdate instanceof Y.Item) || !(inUpdate.content instanceof Y.ContentType)) return { place: "dead" };
        return { needs: inUpdate, via: "parent" };
      }
      const existing = findInDoc(doc, parent);
      if (!existing) return { place: null };
      if (!(existing instanceof Y.Item) || !(existing.content instanceof Y.ContentType)) return { place: "dead" };
      return { place: placeOfType(existing.content.type) };
    }
    // No parent info: the item sits next to its origin (or right origin) and shares its parent.
    const neighbour = (item.origin ?? item.rightOrigin) as Y.ID | null;
    if (!neighbour) return { place: null };
    const inUpdate = findIn(byClient.get(neighbour.client), neighbour.clock);
    if (inUpdate) {
      if (!(inUpdate instanceof Y.Item)) return { place: "dead" };
      return { needs: inUpdate, via: "sibling" };
    }
    const existing = findInDoc(doc, neighbour);
    if (!existing) return { place: null };
    if (!(existing instanceof Y.Item) || !(existing.parent instanceof Y.AbstractType)) return { place: "dead" };
    return { place: placeOfType(existing.parent) };
  };

  const resolve = (start: Y.Item): Place | null => {
    if (parentPlace.has(start)) return parentPlace.get(start)!;
    const chain: Array<{ item: Y.Item; via: "parent" | "sibling" }> = [];
    const seen = new Set<Y.Item>();
    let current = start;
    let place: Place | null;
    for (;;) {
      if (parentPlace.has(current)) {
        place = parentPlace.get(current)!;
        break;
      }
      if (seen.has(current)) {
        place = null; // a cycle: no real update has one
        break;
      }
      seen.add(current);
      const next = step(current);
      if ("place" in next) {
        place = next.place;
        parentPlace.set(current, place);
        break;
      }
      chain.push({ item: current, via: next.via });
      current = next.needs;
    }
    // Unwind: a "parent" link adds one level (the needed item is the parent type itself).
    for (let i = chain.length - 1; i >= 0; i--) {
      const { item, via } = chain[i];
      const needed = i === chain.length - 1 ? current : chain[i + 1].item;
      const neededParent = parentPlace.get(needed) ?? place;
      const p: Place | null = neededParent === null ? null : via === "sibling" ? neededParent : ownPlace(needed, neededParent);
      parentPlace.set(item, p);
      place = p;
    }
    return parentPlace.get(start) ?? null;
  };

  const nodes: Record<string, number> = {};
  const attributes: Record<string, number> = {};
  const attribute = (root: string, value: unknown) => {
    const measured = measureValue(value, MAX_ATTRIBUTE_DEPTH + 1);
    attributes[root] = (attributes[root] ?? 0) + measured.chars;
    return measured.ok;
  };
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const content = s.content as unknown;
    if (content instanceof Y.ContentDeleted) continue;
    if (content instanceof Y.ContentDoc || content instanceof Y.ContentBinary)
      return refuse("unsupported-content", content.constructor.name);
    const place = resolve(s);
    if (place === null) {
      const parent = s.parent as unknown;
      return typeof parent === "string" && !ROOTS.has(parent) ? refuse("unknown-root", parent.slice(0, 40)) : refuse("unknown-parent");
    }
    if (place === "dead") continue;
    if (content instanceof Y.ContentType) {
      const depth = place.depth + 1;
      if (depth > verdict.depth) verdict.depth = depth;
      if (depth > MAX_NESTING_DEPTH) return refuse("too-deep", `depth ${depth}`);
      nodes[place.root] = (nodes[place.root] ?? 0) + 1;
    } else if (content instanceof Y.ContentString) {
      verdict.chars[place.root] = (verdict.chars[place.root] ?? 0) + content.str.length;
    } else if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
      if (!attribute(place.root, content.arr)) return refuse("bad-attribute");
    } else if (content instanceof Y.ContentFormat) {
      if (!attribute(place.root, { [content.key]: content.value })) return refuse("bad-attribute");
    } else if (content instanceof Y.ContentEmbed) {
      if (!attribute(place.root, content.embed)) return refuse("bad-attribute");
    } else {
      return refuse("unsupported-content", (content as object)?.constructor?.name);
    }
  }

  // Sections the update adds to: the section after it must stay within the limits.
  for (const root of new Set([...Object.keys(verdict.chars), ...Object.keys(nodes), ...Object.keys(attributes)])) {
    const added = verdict.chars[root] ?? 0;
    const addedNodes = nodes[root] ?? 0;
    const addedAttributes = attributes[root] ?? 0;
    if (added > MAX_SECTION_CHARS) return refuse("section-too-long", root);
    if (addedNodes > MAX_SECTION_NODES) return refuse("too-many-nodes", root);
    if (addedAttributes > MAX_SECTION_ATTRIBUTE_CHARS) return refuse("bad-attribute", root);
    const now = sectionSize(doc, root);
    if (now.chars + added > MAX_SECTION_CHARS && added > 0) return refuse("section-too-long", root);
    if (now.nodes + addedNodes > MAX_SECTION_NODES && addedNodes > 0) return refuse("too-many-nodes", root);
    if (now.attributeChars + addedAttributes > MAX_SECTION_ATTRIBUTE_CHARS && addedAttributes > 0) return refuse("bad-attribute", root);
  }
  return verdict;
}

/** Characters, nodes and attribute characters a section has now (iterative walk over its live types). */
function sectionSize(doc: Y.Doc, root: string) {
  let chars = 0;
  let nodes = 0;
  let attributeChars = 0;
  if (!doc.share.has(root)) return { chars, nodes, attributeChars };
  const stack: Y.AbstractType<any>[] = [doc.getXmlFragment(root)];
  while (stack.length) {
    const type = stack.pop()!;
    for (const item of type._map.values()) {
      if (!item.deleted && item.content instanceof Y.ContentAny) attributeChars += measureValue(item.content.arr, Infinity, Infinity).chars;
    }
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const content = item.content as unknown;
      if (content instanceof Y.ContentType) {
        nodes += 1;
        stack.push(content.type);
      } else if (content instanceof Y.ContentString) {
        chars += content.str.length;
      } else if (content instanceof Y.ContentFormat) {
        attributeChars += measureValue({ [content.key]: content.value }, Infinity, Infinity).chars;
      }
    }
  }
  return { chars, nodes, attributeChars };
}

/** Depth of the deepest live type in the document (iterative), e.g. to find a document that cannot be stored as it is. */
export function documentDepth(doc: Y.Doc): number {
  let max = 0;
  const stack: Array<[Y.AbstractType<any>, number]> = [];
  for (const type of doc.share.values()) stack.push([type, 0]);
  while (stack.length) {
    const [type, depth] = stack.pop()!;
    if (depth > max) max = depth;
    for (let item = type._start; item !== null; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentType) stack.push([item.content.type, depth + 1]);
    }
  }
  return max;
}

/**
 * Flattens whatever is nested deeper than `maxDepth` (in a COPY of a document, before its JSON
 * is read for storing): the ancestor two levels above the limit keeps its place and gets one
 * paragraph holding all the text that was below it. Iterative.
 */
export function cutToDepth(doc: Y.Doc, maxDepth: number) {
  const level = Math.max(1, maxDepth - 2);
  const cut = new Set<Y.XmlElement>();
  const stack: Array<[Y.AbstractType<any>, number]> = [];
  for (const type of doc.share.values()) stack.push([type, 0]);
  while (stack.length) {
    const [type, depth] = stack.pop()!;
    if (depth > maxDepth) {
      let t: Y.AbstractType<any> = type;
      for (let d = depth; d > level && t._item; d--) t = t._item.parent as Y.AbstractType<any>;
      if (t instanceof Y.XmlElement) cut.add(t);
      continue;
    }
    for (let item = type._start; item !== null; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentType) stack.push([item.content.type, depth + 1]);
    }
  }
  doc.transact(() => {
    for (const element of cut) {
      const texts: string[] = [];
      const inner: Y.AbstractType<any>[] = [element];
      while (inner.length) {
        const t = inner.pop()!;
        if (t instanceof Y.XmlText) texts.push(t.toString().replace(/<[^>]*>/g, ""));
        for (let item = t._start; item !== null; item = item.right) {
          if (!item.deleted && item.content instanceof Y.ContentType) inner.push(item.content.type);
        }
      }
      element.delete(0, element.length);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(texts.reverse().join(" "))]);
      element.insert(0, [paragraph]);
    }
  });
}
