/**
 * Where a click on a nudge leads, from its id alone (so it still works after the service worker
 * restarted): a milestone to the History section (the streak and the bars), a last chance to the
 * cards (what it takes from here, and adding by hand), a visitors nudge to the visitors section
 * (the form to enter the figure, the month's advice). Undefined for an id that is not a nudge.
 */
export function nudgeTarget(id: string): string | undefined {
  const kind = id.slice(0, id.indexOf(':'));
  switch (kind) {
    case 'met':
    case 'half':
    case 'beyond':
      return '/options.html#section-history';
    case 'last-chance':
      return '/popup.html';
    case 'visitors-entry':
    case 'visitors-advice':
      return '/options.html#section-visitors';
    default:
      return undefined;
  }
}
