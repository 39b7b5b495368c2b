// NextGen work orders and the technical object type ids of a work order type (document 004).
import type { TechnicalObjectKind, WorkOrderStatus } from './data-set.ts';

export const ACTIVE_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'suspended',
];
/** Closed, canceled and aligned work orders are not active (ASSUMPTIONS.md N8). */
export const INACTIVE_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['closed', 'canceled', 'aligned'];

/** Which specific id of a work order type holds a technical object type of each kind. */
export const SPECIFIC_TYPE_FIELD: Record<
  TechnicalObjectKind,
  'assetTypeId' | 'accountTypeId' | 'familyTypeId' | 'ownerTypeId'
> = {
  asset: 'assetTypeId',
  account: 'accountTypeId',
  family: 'familyTypeId',
  owner: 'ownerTypeId',
};
