import { useState } from 'react';

/**
 * Who is using the app right now, per group, remembered on this computer only. There are
 * no accounts; the name is kept with checklist ticks and phase changes.
 */
const storageKey = (groupId: string) => `lessonStudy.actor.${groupId}`;

export const useActor = (groupId: string): [string, (memberId: string) => void] => {
  const [actor, setActor] = useState(() => {
    try {
      return localStorage.getItem(storageKey(groupId)) ?? '';
    } catch {
      return '';
    }
  });
  const update = (memberId: string) => {
    setActor(memberId);
    try {
      localStorage.setItem(storageKey(groupId), memberId);
    } catch {
      // Preferences may fail softly; lesson data never goes here.
    }
  };
  return [actor, update];
};
