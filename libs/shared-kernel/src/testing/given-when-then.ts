import type { DomainEvent, EventSourcedAggregate } from '../aggregate.js';
import { DomainError } from '../domain-error.js';

/**
 * Given events → when command → then events or error (Emmett's DeciderSpecification, docs/conventions.md §6),
 * for any EventSourcedAggregate.
 */
export function specFor<E extends DomainEvent, A extends EventSourcedAggregate<E>>(create: () => A) {
  return {
    given(...history: E[]) {
      const aggregate = create().loadFromHistory(history);
      return {
        when<R>(command: (aggregate: A) => R) {
          let result: R | undefined;
          let error: unknown;
          try {
            result = command(aggregate);
          } catch (e) {
            error = e;
          }
          return {
            then(expected: E[]): { aggregate: A; result: R | undefined } {
              if (error) throw error;
              expect(aggregate.pullPendingEvents()).toEqual(expected);
              return { aggregate, result };
            },
            thenNothing(): { aggregate: A; result: R | undefined } {
              if (error) throw error;
              expect(aggregate.pullPendingEvents()).toEqual([]);
              return { aggregate, result };
            },
            thenError(code: string, kind?: string): DomainError {
              expect(error).toBeInstanceOf(DomainError);
              const domainError = error as DomainError;
              expect(domainError.code).toBe(code);
              if (kind) expect(domainError.kind).toBe(kind);
              expect(aggregate.pullPendingEvents()).toEqual([]);
              return domainError;
            },
          };
        },
      };
    },
  };
}
