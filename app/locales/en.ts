import { allCatalogues, type Messages } from "./catalogues";

/** Every English string of the interface in one object: for the server and the tests, not the browser. */
export const en = Object.assign({}, ...allCatalogues.map((c) => c.en)) as Messages;
