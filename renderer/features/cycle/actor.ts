import { useState } from 'react';

/**
 * Who is using the app right now, per group, remembered on this computer only. There are
 * no accounts; the member id is kept with checklist ticks and phase changes.
 */
const storageKey = (groupId: string) => `lessonStudy.actor.${groupId}`;

const read = (groupId: string): string => {
  if (!groupId) return '';
  try {
    return localStorage.getItem(storageKey(groupId)) ?? '';
  } catch {
    return '';
  }
};

export const useActor = (groupId: string): [string, (memberId: string) => void] => {
  // Read on every render: the group id is only known once the cycle has loaded.
  const [, setVersion] = useState(0);
  const update = (memberId: string) => {
    try {
      localStorage.setItem(storageKey(groupId), memberId);
    } catch {
      // Preferences may fail softly; lesson data never goes here.
    }
    setVersion((v) => v + 1);
  };
  return [read(groupId), update];
};
