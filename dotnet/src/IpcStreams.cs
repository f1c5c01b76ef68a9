using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Unilance
{
    // Arrow IPC as .NET Streams, piece by piece: Rust decodes and encodes the IPC stream
    // (Table.AddIpcStream, Connection.CreateTableIpcStream, BatchStream.NextIpcAsync); what C# adds is the Stream shape.

    public partial class Table
    {
        /// <summary>
        /// Appends the rows of the Arrow IPC stream read from <paramref name="ipc"/>, batch by
        /// batch as it is read: the stream need not fit in memory. The rows are committed once the
        /// stream ends; if reading or decoding fails, nothing is. <paramref name="ipc"/> is read to
        /// its end, not closed.
        /// </summary>
        public async Task<AddResult> AddIpcAsync(Stream ipc, AddMode? mode = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (ipc == null) throw new ArgumentNullException("ipc");
            using (var append = AddIpcStream(mode))
            {
                await IpcPieces.CopyAsync(ipc, append.WriteAsync, cancellationToken).ConfigureAwait(false);
                return await append.FinishAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public partial class Connection
    {
        /// <summary>
        /// Creates table <paramref name="name"/> from the Arrow IPC stream read from
        /// <paramref name="ipc"/>, batch by batch as it is read: the stream need not fit in memory.
        /// The table exists once the stream ends; if reading or decoding fails, it is not created.
        /// <paramref name="ipc"/> is read to its end, not closed.
        /// </summary>
        public async Task<Table> CreateTableIpcAsync(string name, Stream ipc, CreateMode? mode = null, Dictionary<string, string> storageOptions = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (ipc == null) throw new ArgumentNullException("ipc");
            using (var create = CreateTableIpcStream(name, mode, storageOptions))
            {
                await IpcPieces.CopyAsync(ipc, create.WriteAsync, cancellationToken).ConfigureAwait(false);
                return await create.FinishAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static class IpcPieces
    {
        private const int PieceBytes = 1 << 20;

        /// <summary>Pushes what <paramref name="from"/> holds, a piece at a time, until its end.</summary>
        internal static async Task CopyAsync(Stream from, Func<byte[], CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            var buffer = new byte[PieceBytes];
            int read;
            while ((read = await from.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var piece = new byte[read];
                Buffer.BlockCopy(buffer, 0, piece, 0, read);
                await write(piece, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public partial class Query
    {
        /// <summary>
        /// Runs the query; its output as a readable Arrow IPC <see cref="Stream"/> that is filled
        /// a batch at a time as it is read (never the whole result in memory). Disposing the
        /// stream stops the query.
        /// </summary>
        public async Task<Stream> ToIpcStreamAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return new IpcReadStream(await ExecuteAsync(cancellationToken).ConfigureAwait(false));
        }

        private sealed class IpcReadStream : Stream
        {
            private readonly BatchStream _batches;
            private byte[] _piece = new byte[0];
            private int _at;
            private bool _ended;

            internal IpcReadStream(BatchStream batches) { _batches = batches; }

            public override bool CanRead { get { return true; } }
            public override bool CanSeek { get { return false; } }
            public override bool CanWrite { get { return false; } }
            public override long Length { get { throw new NotSupportedException("an IPC query stream has no length"); } }
            public override long Position
            {
                get { throw new NotSupportedException("an IPC query stream cannot seek"); }
                set { throw new NotSupportedException("an IPC query stream cannot seek"); }
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                while (_at == _piece.Length)
                {
                    if (_ended || count == 0) return 0;
                    var next = await _batches.NextIpcAsync(cancellationToken).ConfigureAwait(false);
                    if (next == null) _ended = true;
                    else
                    {
                        _piece = next;
                        _at = 0;
                    }
                }
                int n = Math.Min(count, _piece.Length - _at);
                Buffer.BlockCopy(_piece, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                return ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) _batches.Dispose();
                base.Dispose(disposing);
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) { throw new NotSupportedException("an IPC query stream cannot seek"); }
            public override void SetLength(long value) { throw new NotSupportedException("an IPC query stream is read-only"); }
            public override void Write(byte[] buffer, int offset, int count) { throw new NotSupportedException("an IPC query stream is read-only"); }
        }
    }
}
