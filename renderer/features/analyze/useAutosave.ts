import { useEffect, useRef, useState } from 'react';

/**
 * A text field's local value, saved a moment after typing stops and on blur. The saved
 * value from the server seeds it; remount (key) the owner to switch records.
 */
export const useAutosave = (saved: string, save: (value: string) => void, delayMs = 700) => {
  const [value, setValue] = useState(saved);
  const last = useRef(saved);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (value === last.current) return;
    const timer = setTimeout(() => {
      last.current = value;
      saveRef.current(value);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  const flush = () => {
    if (value === last.current) return;
    last.current = value;
    save(value);
  };
  return { value, setValue, flush };
};

/** The current time, ticking every second while `active`. */
export const useNow = (active: boolean): Date => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
};
