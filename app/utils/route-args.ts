/**
 * What a loader or action reads of React Router's arguments: the request and the URL's parameters
 * (named by the route's generated `Route.LoaderArgs` / `Route.ActionArgs`). Declaring no more than
 * that lets tests and benchmarks call a route's loader and action directly with a Request and its
 * parameters, as the server does. A parameter may be absent, as from a caller that did not match
 * the route: every route checks it (`parseId`, `parsePage`) anyway. No route reads the load context.
 */
export type ServerArgs<Args extends { request: Request; params: object }> = Pick<Args, "request"> & {
  params: Partial<Args["params"]>;
  context?: unknown;
};
