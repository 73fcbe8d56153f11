using Recsys.Model.Recommender;

namespace Recsys.Model.Tests.Recommender;

public sealed class TimeGapBucketsTests
{
    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.99, 1)]
    [InlineData(-0.5, 1)] // clock skew: a purchase "after" the query counts as under a day
    [InlineData(1.0, 2)]
    [InlineData(1.99, 2)]
    [InlineData(2.0, 3)]
    [InlineData(3.9, 3)]
    [InlineData(4.0, 4)]
    [InlineData(30.0, 6)]
    [InlineData(32.0, 7)]
    [InlineData(255.0, 9)]
    [InlineData(256.0, 10)]
    [InlineData(511.0, 10)]
    [InlineData(512.0, 11)]
    [InlineData(5000.0, 11)]
    public void Buckets_double_in_width(double days, int bucket) => Assert.Equal(bucket, TimeGapBuckets.Of(days));

    [Fact]
    public void No_gap_falls_in_the_padding_bucket_or_past_the_table()
    {
        for (var days = -1.0; days < 2000; days += 0.37)
        {
            Assert.InRange(TimeGapBuckets.Of(days), TimeGapBuckets.Padding + 1, TimeGapBuckets.Count - 1);
        }
    }
}
