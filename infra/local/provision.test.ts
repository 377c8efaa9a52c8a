import { pubsubFunctions, subscriptionFilter } from '../../functions/src/catalogue/function-catalogue';
import { subscriptionOptions } from './provision';

describe('provision', () => {
  it('given each Pub/Sub function, then its local subscription carries the same filter Terraform gives production, unordered', () => {
    // given the catalogue's Pub/Sub functions, when their subscription settings are derived
    for (const spec of pubsubFunctions()) {
      const options = subscriptionOptions(spec);

      // then the filter is the catalogue's, the ack deadline matches production, and delivery is unordered
      expect(options).toEqual({ ackDeadlineSeconds: 60, filter: subscriptionFilter(spec) });
      expect(options.filter).toMatch(/^(NOT \()?attributes."ce-type" = /);
    }
  });
});
