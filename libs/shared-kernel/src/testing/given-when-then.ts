import { EventSourcedAggregate, type DomainEvent } from '../aggregate.js';
import { DomainError, type DomainErrorKind } from '../domain-error.js';

/**
 * Given events → when command → then events or error (Emmett's DeciderSpecification, docs/conventions.md §6),
 * for any EventSourcedAggregate — the one given/when/then helper of every context:
 *
 *   const { given } = specFor<EnterpriseEvent, Enterprise>(() => new Enterprise());
 *   given(anEnterprise.registered()).when((e) => e.enroll({ cohort: 'pilot' })).then([anEnterprise.enrolled()]);
 *
 * `when` receives the aggregate rebuilt from the given events; when it returns another aggregate (a static
 * factory such as `Enterprise.register`), that aggregate's new events are the outcome instead.
 */
export function specFor<
  E extends DomainEvent,
  A extends EventSourcedAggregate<E>,
>(create: () => A) {
  const given = (...history: E[]) => {
    const aggregate = create().loadFromHistory(history);
    const when = <R>(command: (aggregate: A) => R) => {
      let result: R | undefined;
      let failure: { error: unknown } | undefined;
      try {
        result = command(aggregate);
      } catch (error) {
        failure = { error };
      }
      const outcome = (): A => {
        if (failure)
          throw failure.error instanceof Error
            ? failure.error
            : new Error(String(failure.error));
        return result instanceof EventSourcedAggregate &&
          (result as unknown) !== aggregate
          ? (result as unknown as A)
          : aggregate;
      };
      return {
        then(expected: E[]): { aggregate: A; result: R | undefined } {
          const produced = outcome();
          expect(produced.pullPendingEvents()).toEqual(expected);
          return { aggregate: produced, result };
        },
        thenNothing(): { aggregate: A; result: R | undefined } {
          const produced = outcome();
          expect(produced.pullPendingEvents()).toEqual([]);
          return { aggregate: produced, result };
        },
        /** `expected`: the error's kind, or any of its fields (`{ kind, details }`). */
        thenError(
          code: string,
          expected: DomainErrorKind | Partial<DomainError> = {},
        ): DomainError {
          if (!failure)
            throw new Error(
              `expected the command to fail with ${code}, but it succeeded`,
            );
          expect(failure.error).toBeInstanceOf(DomainError);
          expect(failure.error).toMatchObject({
            code,
            ...(typeof expected === 'string' ? { kind: expected } : expected),
          });
          expect(aggregate.pullPendingEvents()).toEqual([]);
          return failure.error as DomainError;
        },
      };
    };
    return { when };
  };
  return { given };
}
