import { BlockList, isIP } from 'node:net';

// Address ranges written the way network staff write them, checked with Node's own BlockList.

/** Parses "10.0.0.0/8, 192.168.1.5, fd00::/8" into a list; throws naming the first bad entry. */
export function parseCidrList(text: string): BlockList {
  const list = new BlockList();
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max || bits === '')
      throw new Error(`"${entry}" 不是有效的 IP 地址或 CIDR 网段（如 10.0.0.0/8）`);
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}
