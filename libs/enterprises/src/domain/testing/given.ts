/**
 * given events → when command → then events or error (docs/conventions.md §6, Emmett DeciderSpecification).
 *
 *   given(anEnterprise.registered())
 *     .when((e) => e.enroll({ cohort: 'pilot' }))
 *     .then([anEnterprise.enrolled()]);
 *
 * `when` receives the aggregate rebuilt from the given events; it may return another aggregate
 * (the static factory `Enterprise.register`) whose new events are then inspected instead.
 */
import { DomainError } from '@app/shared-kernel';
import { Enterprise } from '../enterprise.aggregate.js';
import type { EnterpriseEvent } from '../enterprise.events.js';

type Command = (enterprise: Enterprise) => Enterprise | unknown;

export function given(...history: EnterpriseEvent[]) {
  return {
    when(command: Command) {
      const run = (): EnterpriseEvent[] => {
        const enterprise = new Enterprise().loadFromHistory(history);
        const result = command(enterprise);
        return (result instanceof Enterprise ? result : enterprise).pullPendingEvents();
      };
      return {
        then(expected: EnterpriseEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenNothing(): void {
          expect(run()).toEqual([]);
        },
        thenError(code: string, match: Partial<DomainError> = {}): DomainError {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          if (caught === undefined) throw new Error(`expected the command to fail with ${code}, but it succeeded`);
          expect(caught).toBeInstanceOf(DomainError);
          expect(caught).toMatchObject({ code, ...match });
          return caught as DomainError;
        },
      };
    },
  };
}
