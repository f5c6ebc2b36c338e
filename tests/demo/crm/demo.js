// The demo CRM saves records the way HubSpot's web app does: one createObjectAndAssociations call.
const CREATE_URL = '/api/chirp-frontend-app/v1/gateway/com.hubspot.crm.object.builder.rpc.ObjectBuilderRpc/createObjectAndAssociations?portalId=1234567';
const NAMES = { '0-1': 'Contact', '0-14': 'Quote', '0-123': 'Order' };

for (const form of document.querySelectorAll('form[data-object]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const objectTypeId = form.dataset.object;
    const data = new FormData(form);
    const company = data.get('company');
    data.delete('company');
    const properties = [...data].filter(([, v]) => String(v).trim() !== '').map(([name, value]) => ({ name, value: String(value), source: 'CRM_UI' }));
    const associations = company ? [{ toObjectTypeId: '0-2', toObjectId: String(company) }] : [];
    const response = await fetch(CREATE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ createRequest: { objectTypeId, properties, associations } }),
    });
    const body = await response.json().catch(() => ({}));
    const item = document.createElement('li');
    item.textContent = response.ok ? `${NAMES[objectTypeId]} #${body.data.result.crmObject.objectId} saved` : `Save failed (HTTP ${response.status})`;
    document.getElementById('saved').prepend(item);
  });
}
