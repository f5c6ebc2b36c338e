/** The part of the permissions API reminders need; `browser` from wxt/browser fits it. */
export interface NotificationPermissionApi {
  permissions: { request(permissions: { permissions?: string[]; origins?: string[] }): Promise<boolean> };
}

/**
 * Asks for the notifications permission (with any hosts asked in the same click, as one prompt).
 * Must be called straight from a click: browsers show the prompt only during a user gesture.
 * Already held, it answers true without a prompt; a refusal or an error is `false`.
 */
export async function requestNotifications(api: NotificationPermissionApi, origins: readonly string[] = []): Promise<boolean> {
  try {
    return await api.permissions.request({ permissions: ['notifications'], ...(origins.length > 0 && { origins: [...origins] }) });
  } catch {
    return false;
  }
}
