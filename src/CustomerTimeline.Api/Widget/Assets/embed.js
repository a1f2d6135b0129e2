// The iframe page's only script: hosts <customer-timeline> and takes the bearer token from the framing CRM
// page through postMessage, accepting it only from an origin of Widget:AllowedOrigins (the server writes
// them into a meta tag). A token never travels in this page's URL, so it never lands in a log.
import '/widget/customer-timeline.js';

const widget = document.querySelector('customer-timeline');
const meta = document.querySelector('meta[name="customer-timeline-allowed-origins"]');
const allowed = new Set((meta?.content ?? '').split(/\s+/).filter(Boolean));
allowed.add(window.location.origin); // the API's own pages (the demo) may frame it too

window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== 'customer-timeline:token') return;
  if (!allowed.has(event.origin)) {
    console.warn(`customer-timeline: ignored a token from ${event.origin}: not in Widget:AllowedOrigins`);
    return;
  }
  if (event.source !== window.parent) {
    console.warn('customer-timeline: ignored a token that did not come from the framing page');
    return;
  }
  if (data.token !== null && typeof data.token !== 'string') return;
  widget.setToken(data.token); // null: this API needs no token
});

// Tell the host it can send the token now. Only to the framing page's own origin, and only when that
// origin is allowed: nothing is announced to a page that may not embed us.
const parentOrigin = window.location.ancestorOrigins?.[0]
  ?? (document.referrer ? new URL(document.referrer).origin : null);
if (window.parent !== window && parentOrigin && allowed.has(parentOrigin)) {
  const key = widget.hasAttribute('customer-id')
    ? { customerId: widget.getAttribute('customer-id') }
    : { source: widget.getAttribute('source'), externalId: widget.getAttribute('external-id') };
  window.parent.postMessage({ type: 'customer-timeline:ready', ...key }, parentOrigin);
}
