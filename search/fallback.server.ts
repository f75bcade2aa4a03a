import type { OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "./documents";

type Log = Pick<Console, "info" | "warn">;

/**
 * Meilisearch first; when it cannot answer (down, restarting, its index not built yet) the FTS5
 * index, which every write keeps current in its own transaction, answers instead. The directory
 * never fails because the search server does; the change is logged once each way.
 */
export class FallbackSearchEngine implements SearchEngine {
  readonly name: SearchEngine["name"];
  private failing = false;

  constructor(
    readonly primary: SearchEngine,
    private readonly fallback: SearchEngine,
    private readonly log: Log = console,
  ) {
    this.name = primary.name;
  }

  async searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    try {
      const result = await this.primary.searchOrganisations(query);
      if (this.failing) {
        this.failing = false;
        this.log.info(`Search: ${this.primary.name} answers again.`);
      }
      return result;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        this.log.warn(`Search: ${this.primary.name} did not answer (${reason}); answering from ${this.fallback.name} until it does.`);
      }
      return this.fallback.searchOrganisations(query);
    }
  }
}
