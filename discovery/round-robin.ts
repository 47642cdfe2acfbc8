import type { InstanceFilter, ServiceInstance } from './service-registry';

/**
 * Round robin over a list that may change between picks: the cursor keeps counting, so a replaced list
 * continues the rotation instead of restarting at its first instance.
 */
export function createRoundRobin() {
  let cursor = 0;
  return (list: readonly ServiceInstance[], exclude?: InstanceFilter): ServiceInstance | undefined => {
    for (let tried = 0; tried < list.length; tried += 1) {
      const instance = list[cursor % list.length] as ServiceInstance;
      cursor = (cursor + 1) % Number.MAX_SAFE_INTEGER;
      if (!exclude?.has(instance.id)) return instance;
    }
    return undefined;
  };
}
