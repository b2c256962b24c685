import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { API_GLOBAL, type RequestOf } from '../../../shared/contract';
import type { BackendEventSource } from '../../../shared/contract/app';
import type { CaptureStatus } from '../../../shared/contract/capture';
import { backend } from '../../api/client';
import { betweenKeys } from '../../ui/typing-gaps';
import { browserSchedule, createCoalescer } from './live-notes';

export const captureKeys = {
  status: (cycleId: string) => ['capture', cycleId] as const,
};

/**
 * The least time between two refreshes of the devices and their counts: a device asking
 * to join appears within about a second, and the facilitator's keys are not shared with
 * a redraw of 100 observers' counts two or three times a second.
 */
export const DEVICES_GAP_MS = 1000;

/** How often the open panel asks for the devices again, in case an event was missed. Events do the real work. */
export const CAPTURE_POLL_MS = 4000;

/**
 * The capture session of this cycle as the backend holds it. `pollMs` only while the
 * invite panel is open: a fallback for a missed `capture-changed` event, not the way
 * the list normally follows.
 */
export const useCaptureStatus = (cycleId: string, { enabled, pollMs }: { enabled: boolean; pollMs: number | false }) =>
  useQuery({
    queryKey: captureKeys.status(cycleId),
    // The counts move every second while devices write: drawn between the facilitator's keys.
    queryFn: async () => {
      const status = await backend.getCaptureStatus({ cycleId });
      await betweenKeys();
      return status;
    },
    enabled,
    refetchInterval: pollMs,
    staleTime: 0,
  });

/** Open, approve, remove, end: each answers with the whole status, which replaces the cached one. */
export const useCaptureActions = (cycleId: string) => {
  const client = useQueryClient();
  const put = (status: CaptureStatus) => client.setQueryData(captureKeys.status(cycleId), status);
  return {
    open: useMutation({ mutationFn: () => backend.openCaptureSession({ cycleId }), onSuccess: put }),
    approve: useMutation({ mutationFn: (request: RequestOf<'approveDevice'>) => backend.approveDevice(request), onSuccess: put }),
    remove: useMutation({ mutationFn: (deviceId: string) => backend.removeDevice({ cycleId, deviceId }), onSuccess: put }),
    end: useMutation({ mutationFn: () => backend.endCaptureSession({ cycleId }), onSuccess: put }),
  };
};

/**
 * Call `onChange` whenever the backend says this cycle's capture changed (a device asked
 * to join, connected, was approved or removed, or sent a note). Returns the unsubscribe
 * function; without an event source (an old bridge) it does nothing, and polling remains.
 */
export const followCaptureEvents = (
  source: Partial<BackendEventSource> | undefined,
  cycleId: string,
  onChange: () => void,
): (() => void) => {
  if (!source?.onBackendEvent) return () => undefined;
  return source.onBackendEvent((event) => {
    if (event.type === 'capture-changed' && event.cycleId === cycleId) onChange();
  });
};

const eventSource = () => (window as unknown as Record<string, Partial<BackendEventSource> | undefined>)[API_GLOBAL];

/**
 * Keep the device list and its counts in step with the backend. A device's note itself
 * reaches the notes list as any saved note does (the `changed` event of observations),
 * so this refetches only the capture status.
 */
export const useCaptureEvents = (cycleId: string, enabled: boolean) => {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    // Every device's note is a capture-changed event (its count moved): with 100 devices, 30 a
    // second. One request at a time, at most one per DEVICES_GAP_MS (coalesced as the notes are, live-notes.ts).
    const coalescer = createCoalescer({
      run: () => client.refetchQueries({ queryKey: captureKeys.status(cycleId), exact: true }),
      gapMs: DEVICES_GAP_MS,
      now: () => performance.now(),
      schedule: browserSchedule,
    });
    const unsubscribe = followCaptureEvents(eventSource(), cycleId, () => coalescer.request());
    return () => {
      unsubscribe();
      coalescer.stop();
    };
  }, [client, cycleId, enabled]);
};

/**
 * Everything the capture screen needs of live capture: the session's status (asked for
 * once on arrival, so a session opened before a reload is found again), whether the
 * invite panel is shown, and the actions. Only in the observe phase.
 */
export const useLiveCapture = (cycleId: string, enabled: boolean, pollMs: number) => {
  const [panelOpen, setPanelOpen] = useState(false);
  const status = useCaptureStatus(cycleId, { enabled, pollMs: enabled && panelOpen ? pollMs : false });
  const actions = useCaptureActions(cycleId);
  useCaptureEvents(cycleId, enabled);
  const { mutate: openSession } = actions.open;
  const invite = useCallback(() => {
    setPanelOpen(true);
    openSession();
  }, [openSession]);
  const session = enabled && status.data?.open ? status.data : null;
  return { session, panelOpen, setPanelOpen, invite, actions };
};
