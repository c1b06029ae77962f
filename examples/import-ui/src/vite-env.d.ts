/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of a running `bulkmock serve`; when set, the example calls it instead of starting the worker. */
  readonly VITE_BULKMOCK_TARGET?: string;
}
