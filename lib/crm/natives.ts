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

export type Natives = ReturnType<typeof takeNatives>;

export function takeNatives() {
  const g = globalThis;
  const decoderProto = g.TextDecoder.prototype;
  const encoder = new g.TextEncoder();
  const encode = callOf(g.TextEncoder.prototype.encode);
  const responseProto = g.Response.prototype;
  const requestProto = g.Request.prototype;
  const readerProto = getPrototypeOf(new g.ReadableStream().getReader()) as object;
  return {
    apply,
    then: callOf(g.Promise.prototype.then) as <T>(promise: Promise<T>, onOk: (value: T) => void, onError?: (error: unknown) => void) => void,
    Promise: g.Promise,
    responseClone: callOf(responseProto.clone) as (response: Response) => Response,
    responseStatus: getterOf<number>(responseProto, 'status'),
    responseHeaders: getterOf<Headers>(responseProto, 'headers'),
    responseBody: getterOf<ReadableStream<Uint8Array> | null>(responseProto, 'body'),
    headersGet: callOf(g.Headers.prototype.get) as (headers: Headers, name: string) => string | null,
    requestUrl: getterOf<string>(requestProto, 'url'),
    requestMethod: getterOf<string>(requestProto, 'method'),
    requestBody: getterOf<ReadableStream<Uint8Array> | null>(requestProto, 'body'),
    requestClone: callOf(requestProto.clone) as (request: Request) => Request,
    getReader: callOf(g.ReadableStream.prototype.getReader) as (stream: ReadableStream<Uint8Array>) => ReadableStreamDefaultReader<Uint8Array>,
    streamCancel: callOf(g.ReadableStream.prototype.cancel) as (stream: ReadableStream) => Promise<void>,
    read: methodOf<[], Promise<ReadableStreamReadResult<Uint8Array>>>(readerProto, 'read'),
    readerCancel: methodOf<[], Promise<void>>(readerProto, 'cancel'),
    byteLength: getterOf<number>(getPrototypeOf(Uint8Array.prototype) as object, 'byteLength'),
    newDecoder: () => new g.TextDecoder(),
    decode: callOf(decoderProto.decode) as (decoder: TextDecoder, chunk?: Uint8Array, options?: { stream: boolean }) => string,
    /** UTF-8 size of a string: the unit the caps are in, on both paths. */
    bytesOf: (text: string) => (encode(encoder, text) as Uint8Array).byteLength,
    URL: g.URL,
    href: getterOf<string>(g.URL.prototype, 'href'),
    origin: getterOf<string>(g.URL.prototype, 'origin'),
    protocol: getterOf<string>(g.URL.prototype, 'protocol'),
    searchParamsString: callOf(g.URLSearchParams.prototype.toString) as (params: URLSearchParams) => string,
    formDataForEach: (g.FormData ? callOf(g.FormData.prototype.forEach) : () => undefined) as (form: FormData, each: (value: unknown, key: string) => void) => void,
    URLSearchParams: g.URLSearchParams,
    FormData: g.FormData as typeof FormData | undefined,
    appendParam: callOf(g.URLSearchParams.prototype.append) as (params: URLSearchParams, key: string, value: string) => void,
    upper: callOf(String.prototype.toUpperCase) as (text: string) => string,
    stringify: JSON.stringify,
    weakGet: callOf(WeakMap.prototype.get) as <K extends object, V>(map: WeakMap<K, V>, key: K) => V | undefined,
    weakSet: callOf(WeakMap.prototype.set) as <K extends object, V>(map: WeakMap<K, V>, key: K, value: V) => void,
    weakDelete: callOf(WeakMap.prototype.delete) as <K extends object>(map: WeakMap<K, unknown>, key: K) => boolean,
    isTrusted: getterOf<boolean>(g.Event?.prototype, 'isTrusted'),
  };
}

/**
 * Makes `wrappers` answer `toString()` with their original's native text, the way the built-ins
 * they replace do, so a page cannot tell the hook is there by printing a function. The new
 * `Function.prototype.toString` disguises itself the same way.
 */
export function disguiseAsNative(wrappers: Array<[wrapper: object, original: object]>): void {
  const fnProto = Function.prototype as { toString: () => string };
  const nativeToString = fnProto.toString;
  const originals = new WeakMap<object, object>(wrappers);
  const get = callOf(WeakMap.prototype.get) as (map: WeakMap<object, object>, key: object) => object | undefined;
  // A method has no `prototype`, like the built-in it stands in for.
  const replacement = {
    toString(this: unknown) {
      const self = typeof this === 'function' ? (get(originals, this) ?? this) : this;
      return apply(nativeToString, self, []) as string;
    },
  }.toString;
  originals.set(replacement, nativeToString);
  Reflect.defineProperty(fnProto, 'toString', { value: replacement, writable: true, configurable: true, enumerable: false });
}

/** Gives `wrapper` the name and arity of `original`. */
export function lookLike(wrapper: object, original: { name: string; length: number }): void {
  Reflect.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Reflect.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
}
