import { allCatalogues, type Messages } from "./catalogues";

/** Every Swedish string of the interface in one object: for the server and the tests, not the browser. */
export const sv = Object.assign({}, ...allCatalogues.map((c) => c.sv)) as Messages;
export type { MessageKey, Messages } from "./catalogues";
