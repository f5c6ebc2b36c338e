/**
 * Host patterns of every shipped adapter, as a plain list so the main-world hook can use it
 * for its `matches` without bundling the adapters. A unit test keeps it equal to the union of
 * the adapters' `hosts`.
 */
export const ALL_HOST_PATTERNS: string[] = [
  'https://*.hubspot.com/*',
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://*.pipedrive.com/*',
  'https://crm.zoho.com/*',
  'https://crm.zoho.eu/*',
  'https://crm.zoho.in/*',
  'https://crm.zoho.com.au/*',
  'https://crm.zoho.jp/*',
  'https://crm.zoho.com.cn/*',
  'https://crm.zoho.ca/*',
  'https://crm.zoho.sa/*',
  'https://crm.zoho.uk/*',
  'https://*.dynamics.com/*',
  'https://*.odoo.com/*',
];
