import { addressRefusal, destinationRefusal } from './destination-policy';

describe('where a merchant webhook may be sent', () => {
  it.each([
    ['8.8.8.8', true, null],
    ['2001:4860:4860::8888', true, null],
    ['10.1.2.3', false, 'private_address'],
    ['172.16.0.9', true, 'private_address'],
    ['192.168.1.20', false, 'private_address'],
    ['169.254.169.254', false, 'private_address'],
    ['fe80::1', true, 'private_address'],
    ['fc00::7', true, 'private_address'],
    ['100.64.0.1', true, 'private_address'],
    ['0.0.0.0', false, 'private_address'],
    ['224.0.0.1', true, 'private_address'],
    ['::ffff:10.0.0.1', true, 'private_address'],
    ['::ffff:8.8.8.8', true, null],
    ['127.0.0.1', true, 'loopback_not_allowed'],
    ['::1', true, 'loopback_not_allowed'],
    ['127.0.0.1', false, null],
    ['::1', false, null],
    ['not-an-ip', false, 'unresolvable'],
  ] as const)('the address %s in %s mode: %s', (address, livemode, refusal) => {
    expect(addressRefusal(address, livemode)).toBe(refusal);
  });

  it.each([
    ['http://hooks.example.com/x', ['93.184.216.34'], true, 'scheme_not_allowed'],
    ['http://hooks.example.com/x', ['93.184.216.34'], false, null],
    ['ftp://hooks.example.com/x', ['93.184.216.34'], false, 'scheme_not_allowed'],
    ['https://localhost/x', ['127.0.0.1'], true, 'loopback_not_allowed'],
    ['http://localhost:4242/webhook', ['127.0.0.1'], false, null],
    ['https://metadata.google.internal/computeMetadata', ['8.8.8.8'], false, 'private_address'],
    ['https://two-faced.example/x', ['93.184.216.34', '10.0.0.1'], true, 'private_address'],
    ['https://nowhere.example/x', [], true, 'unresolvable'],
  ] as const)('%s resolving to %j in live=%s: %s', (url, addresses, livemode, refusal) => {
    expect(destinationRefusal(new URL(url), addresses, livemode)).toBe(refusal);
  });
});
