import { createContext, ReactNode, useContext } from 'react';
import { AwsCicdPermissions } from './useAwsCicdPermissions';

export interface DeliveryContextValue {
  /** The entity, as a full ref (`component:default/payments-api`). */
  entityRef: string;
  /** Local time (ms) the data on screen arrived: the base of every countdown. */
  updatedAt?: number;
  /** Reloads the page's data (after an action). */
  refresh: () => Promise<void>;
  /** What the signed-in user may do on this entity. */
  permissions: AwsCicdPermissions;
}

const Context = createContext<DeliveryContextValue | undefined>(undefined);

export function DeliveryContextProvider(props: {
  value: DeliveryContextValue;
  children: ReactNode;
}) {
  return (
    <Context.Provider value={props.value}>{props.children}</Context.Provider>
  );
}

export function useDeliveryContext(): DeliveryContextValue {
  const value = useContext(Context);
  if (!value) {
    throw new Error('useDeliveryContext needs a DeliveryContextProvider');
  }
  return value;
}
