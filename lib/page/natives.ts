/**
 * The built-ins the main-world hook relies on, taken when it is installed at document_start,
 * before any page script runs. A page may later replace `Response.prototype.clone`, the `status`
 * getter, `Promise.prototype.then`, `MessagePort.prototype.postMessage` and the like; the hook
 * keeps calling the originals, so such a replacement neither fakes what the hook reads nor
 * hands the page the hook's port.
 */

const { apply, getOwnPropertyDescriptor, getPrototypeOf } = Reflect;

/** `fn` as a plain function of (this, ...args). */
export const callOf =
  <A extends unknown[], R>(fn: (...args: A) => R) =>
  (self: unknown, ...args: A): R =>
    apply(fn, self, args) as R;

/** The accessor `name` found on `proto` or up its chain; a plain read where there is none (test doubles). */
export function getterOf<T>(proto: object | null | undefined, name: string): (self: unknown) => T {
  for (let p = proto; p; p = getPrototypeOf(p) as object | null) {
    const get = getOwnPropertyDescriptor(p, name)?.get;
    if (get) return (self) => apply(get, self, []) as T;
  }
  return (self) => (self as Record<string, T>)[name] as T;
}

/** The method `name` found on `proto` or up its chain. */
export function methodOf<A extends unknown[], R>(proto: object | null | undefined, name: string): (self: unknown, ...args: A) => R {
  for (let p = proto; p; p = getPrototypeOf(p) as object | null) {
    const value = getOwnPropertyDescriptor(p, name)?.value;
    if (typeof value === 'function') return callOf(value as (...args: A) => R);
  }
  return () => undefined as R;
}

// Taken when this module is evaluated: in the hook's bundle, at document_start.
const g = globalThis;
const responseProto = g.Response.prototype;
const requestProto = g.Request.prototype;
const readerProto = getPrototypeOf(new g.ReadableStream().getReader()) as object;
const encoder = new g.TextEncoder();
const encode = callOf(g.TextEncoder.prototype.encode);

export { apply };
export const NativePromise = g.Promise;
export const NativeURL = g.URL;
export const NativeURLSearchParams = g.URLSearchParams;
export const NativeFormData = g.FormData as typeof FormData | undefined;
export const NativeTextDecoder = g.TextDecoder;
export const promiseThen = callOf(g.Promise.prototype.then) as <T>(promise: Promise<T>, onOk: (value: T) => void, onError?: (error: unknown) => void) => void;
export const responseClone = callOf(responseProto.clone) as (response: Response) => Response;
export const responseStatus = getterOf<number>(responseProto, 'status');
export const responseHeaders = getterOf<Headers>(responseProto, 'headers');
export const responseBody = getterOf<ReadableStream<Uint8Array> | null>(responseProto, 'body');
export const headersGet = callOf(g.Headers.prototype.get) as (headers: Headers, name: string) => string | null;
export const requestUrl = getterOf<string>(requestProto, 'url');
export const requestMethod = getterOf<string>(requestProto, 'method');
export const requestBody = getterOf<ReadableStream<Uint8Array> | null>(requestProto, 'body');
export const requestClone = callOf(requestProto.clone) as (request: Request) => Request;
export const getReader = callOf(g.ReadableStream.prototype.getReader) as (stream: ReadableStream<Uint8Array>) => ReadableStreamDefaultReader<Uint8Array>;
export const streamCancel = callOf(g.ReadableStream.prototype.cancel) as (stream: ReadableStream) => Promise<void>;
export const read = methodOf<[], Promise<ReadableStreamReadResult<Uint8Array>>>(readerProto, 'read');
export const readerCancel = methodOf<[], Promise<void>>(readerProto, 'cancel');
export const decode = callOf(g.TextDecoder.prototype.decode) as (decoder: TextDecoder, chunk?: Uint8Array, options?: { stream: boolean }) => string;
/** UTF-8 size of a string: the unit the body caps are in, on both paths. */
export const bytesOf = (text: string) => (encode(encoder, text) as Uint8Array).byteLength;
export const urlHref = getterOf<string>(g.URL.prototype, 'href');
export const urlOrigin = getterOf<string>(g.URL.prototype, 'origin');
export const urlProtocol = getterOf<string>(g.URL.prototype, 'protocol');
export const paramsString = callOf(g.URLSearchParams.prototype.toString) as (params: URLSearchParams) => string;
export const paramsAppend = callOf(g.URLSearchParams.prototype.append) as (params: URLSearchParams, key: string, value: string) => void;
export const formForEach = (g.FormData ? callOf(g.FormData.prototype.forEach) : () => undefined) as (form: FormData, each: (value: unknown, key: string) => void) => void;
export const upper = callOf(String.prototype.toUpperCase) as (text: string) => string;
export const stringify = JSON.stringify;
export const weakGet = callOf(WeakMap.prototype.get) as <K extends object, V>(map: WeakMap<K, V>, key: K) => V | undefined;
export const weakSet = callOf(WeakMap.prototype.set) as <K extends object, V>(map: WeakMap<K, V>, key: K, value: V) => void;
export const weakDelete = callOf(WeakMap.prototype.delete) as <K extends object>(map: WeakMap<K, unknown>, key: K) => boolean;

/**
 * Makes `wrappers` answer `toString()` with their original's native text, the way the built-ins
 * they replace do, so a page cannot tell the hook is there by printing a function. The new
 * `Function.prototype.toString` disguises itself the same way.
 */
export function disguiseAsNative(wrappers: Array<[wrapper: object, original: object]>): void {
  const fnProto = Function.prototype as { toString: () => string };
  const nativeToString = fnProto.toString;
  const originals = new WeakMap<object, object>(wrappers);
  // A method has no `prototype`, like the built-in it stands in for.
  const replacement = {
    toString(this: unknown) {
      const self = typeof this === 'function' ? (weakGet(originals, this) ?? this) : this;
      return apply(nativeToString, self, []) as string;
    },
  }.toString;
  originals.set(replacement, nativeToString);
  // Assigning keeps the built-in property's attributes (writable, configurable, not enumerable).
  fnProto.toString = replacement;
}
