import type { SyncStatus } from '../../shared/contract';
import type { SubmissionService } from './submission-service';

type Block = { reason: 'host_key_changed' | 'not_configured'; message: string };

/**
 * The separate delivery channels (a service whose batch files travel on their own, like CKYC's
 * SFTP drop): per service, whether an admin must act before any delivery (a changed host key,
 * refused credentials), and the channel's last known health, for the indicator.
 */
export class DeliveryChannels {
  private readonly blocks = new Map<string, Block>();
  private readonly health = new Map<string, 'up' | 'down'>();

  isBlocked(serviceId: string): boolean {
    return this.blocks.has(serviceId);
  }

  block(serviceId: string, block: Block): void {
    this.blocks.set(serviceId, block);
  }

  /** Lift every block; returns the services that were blocked (their waiting deliveries go again). */
  unblockAll(): Set<string> {
    const unblocked = new Set(this.blocks.keys());
    this.blocks.clear();
    return unblocked;
  }

  knowsHealth(serviceId: string): boolean {
    return this.health.has(serviceId);
  }

  setHealth(serviceId: string, health: 'up' | 'down'): void {
    this.health.set(serviceId, health);
  }

  /** The indicator's word on the service's channel ('not_used' without one), and why it is stopped. */
  indicator(service: SubmissionService): { sftp: SyncStatus['sftp']; blockMessage: string | null } {
    if (!service.separateDelivery) return { sftp: 'not_used', blockMessage: null };
    const block = this.blocks.get(service.id);
    return { sftp: block?.reason ?? this.health.get(service.id) ?? 'unknown', blockMessage: block?.message ?? null };
  }
}
