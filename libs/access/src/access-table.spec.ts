import { ACCESS_TABLE } from './access-table.js';
import { AccessTableError, assertEveryRouteHasARule } from './access.module.js';

describe('the access table against the routes at boot', () => {
  const routes = Object.keys(ACCESS_TABLE);

  it('accepts exactly the routes it names', () => {
    expect(() => assertEveryRouteHasARule(routes)).not.toThrow();
  });

  it('stops the boot for a route without an entry, and for an entry without a route', () => {
    expect(() =>
      assertEveryRouteHasARule([
        ...routes,
        'POST /enterprises/:uscc/secret-door',
      ]),
    ).toThrow(AccessTableError);
    expect(() =>
      assertEveryRouteHasARule([
        ...routes,
        'POST /enterprises/:uscc/secret-door',
      ]),
    ).toThrow(
      /route POST \/enterprises\/:uscc\/secret-door has no entry in ACCESS_TABLE/,
    );
    expect(() =>
      assertEveryRouteHasARule(routes.filter((key) => key !== 'GET /zones')),
    ).toThrow(/ACCESS_TABLE names GET \/zones, which is no route/);
  });
});
