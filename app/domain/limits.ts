/**
 * Caps that keep one organisation from making pages slow for everyone:
 * well above what a real social enterprise lists, far below what hurts rendering.
 */
export const maxOfferingsPerOrganisation = 50;
export const maxCapacityLinesPerOffering = 20;
/** The public profile shows this many capacity lines per offering and counts the rest. */
export const profileCapacityLinesShown = 5;
