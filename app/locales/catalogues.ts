import { accountMessages } from "./account";
import { awardMessages } from "./award";
import { bidsMessages } from "./bids";
import { coordinationMessages } from "./coordination";
import { coreMessages } from "./core";
import { formsMessages } from "./forms";
import { meetingsMessages } from "./meetings";
import { noticesMessages } from "./notices";
import { organisationEditingMessages } from "./organisation-editing";
import { pilotMessages } from "./pilot";
import { requestsMessages } from "./requests";
import { securityMessages } from "./security";
import { signInMessages } from "./sign-in";
import { tenderMessages } from "./tender";

/**
 * Every catalogue, for the server (e-mail, CSV, notifications, toasts) and the tests. The browser
 * never imports this module: a page loads only core and the catalogues its routes name.
 */
export const allCatalogues = [
  coreMessages,
  formsMessages,
  organisationEditingMessages,
  signInMessages,
  coordinationMessages,
  accountMessages,
  securityMessages,
  requestsMessages,
  bidsMessages,
  meetingsMessages,
  pilotMessages,
  noticesMessages,
  tenderMessages,
  awardMessages,
] as const;

type AnyCatalogue = (typeof allCatalogues)[number];
type Union<C> = C extends { sv: infer S } ? keyof S : never;

/** Every message key of the interface. */
export type MessageKey = Union<AnyCatalogue> & string;
export type Messages = Record<MessageKey, string>;
