import { clearViewport } from 'ansi-escapes';
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/**
 * The terminal's size, renewed when it is resized: the screens lay out and page by it. A resize
 * starts from a clear screen: the terminal has rewrapped the last frame, so Ink cannot erase it
 * line by line.
 */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const resized = () => {
      stdout.write(clearViewport);
      setSize(sizeOf(stdout));
    };
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  return size;
}

function sizeOf(stdout: NodeJS.WriteStream): { columns: number; rows: number } {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
