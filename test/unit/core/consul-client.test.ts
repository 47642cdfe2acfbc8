import { parseConsulAddress } from '../../../core/consul-client';

describe('parseConsulAddress', () => {
  it.each([
    ['127.0.0.1:8500', { host: '127.0.0.1', port: 8500, secure: false }],
    ['consul:18500', { host: 'consul', port: 18500, secure: false }],
    ['http://consul', { host: 'consul', port: 8500, secure: false }],
    ['https://consul.example:8501', { host: 'consul.example', port: 8501, secure: true }],
    ['https://consul.example', { host: 'consul.example', port: 443, secure: true }],
  ])('reads %s as the Consul CLI does', (address, expected) => {
    expect(parseConsulAddress(address)).toEqual(expected);
  });
});
