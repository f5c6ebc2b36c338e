// Intentionally empty: an extension with a service worker that does nothing.
