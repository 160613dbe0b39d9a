// The shape of the UI texts and the one way they are filled in. Kept apart from the language
// folders so that each of them can be typed against the Chinese reference.
import type zh from './zh';

/** Every namespace and key of the Chinese texts, each a string: what every language must provide. */
export type Catalog = { [N in keyof typeof zh]: Record<keyof (typeof zh)[N], string> };
type Namespace = keyof Catalog;

/** A key of any namespace: keys are unique across namespaces, so a page names a text by its key alone. */
export type MessageKey = { [N in Namespace]: keyof Catalog[N] }[Namespace];

export type TextParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TextParams) => string;

// A key in two namespaces would shadow one of its texts; the compiler names such a key here.
type SharedKey = { [N in Namespace]: { [M in Exclude<Namespace, N>]: keyof Catalog[N] & keyof Catalog[M] }[Exclude<Namespace, N>] }[Namespace];
type MustBeNever<T extends never> = T;
export type NoSharedKeys = MustBeNever<SharedKey>;

/** One language's namespaces as one table. */
export function flatten(catalog: Catalog): Record<MessageKey, string> {
  return Object.assign({}, ...Object.values(catalog)) as Record<MessageKey, string>;
}

/** Fills the {name} placeholders of a text. */
export function format(text: string, params?: TextParams): string {
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text;
}
