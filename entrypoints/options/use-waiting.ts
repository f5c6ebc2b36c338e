import { useEffect, useState } from 'react';
import { startView } from '@/lib/view/view-client';

/** How many counts wait for storage room, following the view data the background caches. */
export function useWaiting(): number | undefined {
  const [waiting, setWaiting] = useState<number>();
  useEffect(() => {
    const { feed } = startView(1);
    const stop = feed.follow({ onView: (view) => setWaiting(view.waiting), onError: () => undefined });
    return () => {
      stop();
      feed.close();
    };
  }, []);
  return waiting;
}
