"""Bulk data for the benchmark suite (bench/README.md): articles, comments, one reference article.

``manage.py seed_bench --articles 100000 --comments-per-article 10`` fills an empty database
in a few minutes: rows go in with ``bulk_create`` in batches, and the derived fields that
``Article.save()`` fills (slug, the folded search columns) are computed here the same way,
from paragraphs whose folded text is worked out once.

It adds on top of what is there: every run appends new articles with fresh slugs
(``bench-<n>``, numbered after the highest existing one). The reference article
(``bench-reference``, exactly 20 approved comments and 3 attachments) is created once.
"""

import io
import random
import sys
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleType, Attachment, Category
from articles.text import search_normalise
from comments.models import Comment
from stats.models import ArticleDailyReads, DailyLanguageViews, DailyStat

REFERENCE_SLUG = "bench-reference"
BATCH = 2000
CATEGORIES = [
    # (slug, Vietnamese, English, share of the articles): one big category, so that page 50 exists.
    ("tin-hoat-dong", "Tin hoạt động", "Activities", 35),
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành", "Direction and administration", 20),
    ("kinh-te-xa-hoi", "Kinh tế - Xã hội", "Economy and society", 15),
    ("van-hoa-du-lich", "Văn hóa - Du lịch", "Culture and tourism", 15),
    ("cong-tac-dan-van", "Công tác dân vận", "Mass mobilisation", 15),
]
WORDS_VI = ("chuyển đổi số hội nghị tổng kết công tác đầu tư hạ tầng viễn thông cải cách hành chính "
            "dịch vụ công trực tuyến người dân doanh nghiệp kinh tế xã hội văn hóa du lịch dân vận "
            "nông thôn mới phát triển bền vững an toàn thông tin kế hoạch triển khai năm").split()
WORDS_EN = ("digital transformation conference review investment infrastructure telecom administrative "
            "reform online public services citizens businesses economy society culture tourism "
            "mobilisation rural development sustainable information security plan year").split()
PARAGRAPHS_VI = [
    "Phát biểu tại buổi làm việc, lãnh đạo Sở nhấn mạnh việc lấy người dân, doanh nghiệp làm trung tâm, "
    "bảo đảm thông tin được cung cấp đầy đủ, kịp thời và chính xác đến mọi tầng lớp nhân dân.",
    "Trong thời gian qua, các cơ quan, đơn vị đã tích cực triển khai nhiệm vụ được giao, đạt nhiều kết quả "
    "quan trọng; tuy nhiên vẫn còn một số tồn tại, hạn chế cần được khắc phục trong thời gian tới.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết, đề xuất giải pháp thiết thực nhằm nâng cao "
    "hiệu quả công tác trong năm tiếp theo, nhất là việc đẩy mạnh ứng dụng công nghệ thông tin.",
    "Kết thúc hội nghị, Sở giao các phòng chuyên môn tổng hợp ý kiến, hoàn thiện kế hoạch và báo cáo Ủy ban "
    "nhân dân tỉnh trước ngày 15 tháng 12 để xem xét, quyết định.",
    "Theo báo cáo, tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến toàn trình đạt "
    "trên 85%, cao hơn cùng kỳ năm trước; mức độ hài lòng của người dân tiếp tục được nâng lên.",
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và địa phương khẩn trương rà soát, bổ sung nguồn lực, "
    "bảo đảm hoàn thành các chỉ tiêu đã đề ra, không để chậm trễ, kéo dài.",
    "Đồng chí Giám đốc Sở ghi nhận những nỗ lực của tập thể cán bộ, công chức, viên chức và người lao động, "
    "đồng thời đề nghị tiếp tục đổi mới phương thức làm việc, tăng cường kỷ luật, kỷ cương.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc đã được khen thưởng, góp phần động viên phong "
    "trào thi đua yêu nước trên địa bàn tỉnh.",
]
PARAGRAPHS_EN = [
    "Speaking at the meeting, the Department's leaders stressed that citizens and businesses come first, "
    "and that information must reach every part of the population completely, promptly and accurately.",
    "Agencies and units have carried out their tasks actively and achieved important results; some "
    "shortcomings remain and will be addressed in the coming period.",
    "Delegates discussed the matter and proposed practical measures to make the work more effective "
    "next year, above all by making wider use of information technology.",
    "At the close of the conference, the Department asked its divisions to collect the comments, finish "
    "the plan and report to the Provincial People's Committee by 15 December for its decision.",
    "According to the report, more than 85% of administrative applications were received and settled fully "
    "online, more than in the same period last year, and citizens' satisfaction keeps rising.",
    "The Provincial People's Committee asked departments, agencies and localities to review their resources "
    "quickly and meet the targets set, without delay.",
    "The Director thanked the staff for their efforts and asked them to keep improving the way they work "
    "and to strengthen discipline.",
    "On this occasion, many teams and individuals with outstanding achievements were commended, "
    "encouraging the emulation movement across the province.",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thu Hà", "Vũ Đức Long"]
COMMENT_BODIES = [
    "Bài viết rất hữu ích, cảm ơn ban biên tập đã thông tin kịp thời.",
    "Đề nghị cơ quan hướng dẫn cụ thể hơn về thủ tục nộp hồ sơ trực tuyến.",
    "Tôi hoàn toàn đồng tình với chủ trương này, mong sớm được triển khai ở xã tôi.",
    "Xin hỏi thời hạn áp dụng quy định mới là từ ngày nào?",
]


class Progress:
    """A one-line progress bar on stderr: what, how far, how fast."""

    def __init__(self, label, total, stream=sys.stderr):
        self.label, self.total, self.stream = label, max(total, 1), stream
        self.done, self.started, self.shown = 0, time.monotonic(), 0.0

    def add(self, n):
        self.done += n
        now = time.monotonic()
        if now - self.shown >= 0.2 or self.done >= self.total:
            self.shown = now
            share = min(self.done / self.total, 1)
            rate = self.done / max(now - self.started, 1e-6)
            bar = "#" * int(share * 30)
            self.stream.write(f"\r{self.label:<10} [{bar:<30}] {share:6.1%} {self.done:,}/{self.total:,} "
                              f"{rate:,.0f}/s")
            self.stream.flush()

    def close(self):
        self.stream.write(f"  {time.monotonic() - self.started:.1f} s\n")
        self.stream.flush()


def _padded(text):
    # As Article.save(): padded with spaces so a whole-word match is a substring match.
    return f" {text} " if text else ""


class Command(BaseCommand):
    help = "Bulk-create benchmark articles and comments (adds on top of existing data)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--comments-per-article", type=int, default=5)
        parser.add_argument("--english-share", type=float, default=0.4,
                            help="share of the articles translated into English (default 0.4)")
        parser.add_argument("--years", type=float, default=3, help="publish dates spread over this many years")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--stats-days", type=int, default=365,
                            help="days of visit statistics to create when there are none (default 365)")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing when the database already holds articles")

    def handle(self, *args, **options):
        if options["articles"] < 0 or options["comments_per_article"] < 0:
            raise CommandError("counts must be positive")
        if options["if_empty"] and Article.objects.exists():
            self.stdout.write("seed_bench: articles exist already, nothing added (--if-empty).")
            return
        self.rng = random.Random(options["seed"] + Article.objects.count())
        self.now = timezone.now()
        self.article_type = ArticleType.default()
        categories = self._categories()
        started = time.monotonic()
        self._reference(categories[0][0])
        ids = self._articles(options, categories)
        self._comments(ids, options["comments_per_article"])
        self._statistics(options["stats_days"])
        self.stdout.write(f"seed_bench: {len(ids):,} articles and {len(ids) * options['comments_per_article']:,} "
                          f"comments added in {time.monotonic() - started:.1f} s "
                          f"(now {Article.objects.count():,} articles, {Comment.objects.count():,} comments).")

    def _categories(self):
        result = []
        for order, (slug, vi, en, share) in enumerate(CATEGORIES):
            category, _created = Category.objects.get_or_create(
                slug=slug, defaults={"name": vi, "name_vi": vi, "name_en": en, "order": order})
            result.append((category, share))
        return result

    # -- articles ----------------------------------------------------------------------------
    def _article(self, n, category, english):
        rng = self.rng
        words = rng.sample(range(len(WORDS_VI)), 6)
        title_vi = f"{' '.join(WORDS_VI[i] for i in words).capitalize()} số {n}"
        title_en = f"{' '.join(WORDS_EN[i % len(WORDS_EN)] for i in words).capitalize()} no. {n}"
        picks = [rng.randrange(len(PARAGRAPHS_VI)) for _ in range(rng.randint(4, 8))]
        summary_vi = f"{title_vi}. {PARAGRAPHS_VI[picks[0]]}"
        summary_en = f"{title_en}. {PARAGRAPHS_EN[picks[0]]}"
        content_vi = "".join(f"<p>{PARAGRAPHS_VI[i]}</p>" for i in picks)
        content_en = "".join(f"<p>{PARAGRAPHS_EN[i]}</p>" for i in picks)
        body_vi = " ".join([search_normalise(summary_vi), *(self.folded_vi[i] for i in picks)])
        body_en = " ".join([search_normalise(summary_en), *(self.folded_en[i] for i in picks)])
        publish_at = self.now - timedelta(seconds=rng.randint(3600, int(self.span)))
        return Article(
            title=title_vi, title_vi=title_vi, title_en=title_en if english else None,
            slug=f"bench-{n}",
            summary=summary_vi, summary_vi=summary_vi, summary_en=summary_en if english else None,
            content=content_vi, content_vi=content_vi, content_en=content_en if english else None,
            image=self.image if n % 2 == 0 else "",
            image_caption=f"Ảnh minh họa {n}", image_caption_vi=f"Ảnh minh họa {n}",
            image_caption_en=f"Illustration {n}" if english else None,
            publish_at=publish_at, featured=n % 50 == 0, author_name=NAMES[n % len(NAMES)],
            category=category, article_type=self.article_type, page_count=1,
            approval=Article.Approval.APPROVED, approved_at=publish_at, is_shown=n % 200 != 7,
            read_count=rng.randint(0, 5000),
            search_title_vi=_padded(search_normalise(title_vi)),
            search_title_en=_padded(search_normalise(title_en)) if english else "",
            search_body_vi=_padded(body_vi), search_body_en=_padded(body_en) if english else "",
        )

    def _articles(self, options, categories):
        total = options["articles"]
        self.span = max(options["years"] * 365 * 86400, 7200)
        self.folded_vi = [search_normalise(p) for p in PARAGRAPHS_VI]
        self.folded_en = [search_normalise(p) for p in PARAGRAPHS_EN]
        self.image = self._image()
        first = self._next_number()
        weights = [share for _category, share in categories]
        chosen = self.rng.choices([c for c, _share in categories], weights=weights, k=total)
        progress = Progress("articles", total)
        ids = []
        for start in range(0, total, BATCH):
            batch = [self._article(first + i, chosen[i], self.rng.random() < options["english_share"])
                     for i in range(start, min(start + BATCH, total))]
            with transaction.atomic():
                ids.extend(a.pk for a in Article.objects.bulk_create(batch))
            progress.add(len(batch))
        progress.close()
        return ids

    def _next_number(self):
        numbers = [int(s[6:]) for s in Article.objects.filter(slug__regex=r"^bench-[0-9]+$")
                   .values_list("slug", flat=True).iterator() if s[6:].isdigit()]
        return max(numbers, default=0) + 1

    def _image(self):
        """One small JPEG all image-bearing bench articles share (list and detail sizes are not made)."""
        name = "articles/bench/bench.jpg"
        if not default_storage.exists(name):
            from PIL import Image

            buffer = io.BytesIO()
            Image.new("RGB", (1200, 750), (11, 79, 138)).save(buffer, "JPEG", quality=80)
            default_storage.save(name, ContentFile(buffer.getvalue()))
        return name

    # -- comments ----------------------------------------------------------------------------
    def _comments(self, ids, per_article):
        if not per_article or not ids:
            return
        progress = Progress("comments", len(ids) * per_article)
        rng = self.rng
        batch, counts = [], {}
        for article_id in ids:
            approved = 0
            for k in range(per_article):
                # Four in five approved; the rest wait for moderation.
                status = Comment.Status.PENDING if k % 5 == 4 else Comment.Status.APPROVED
                approved += status == Comment.Status.APPROVED
                batch.append(Comment(
                    article_id=article_id, name=NAMES[k % len(NAMES)], email=f"doc-gia{k}@example.com",
                    body=f"{COMMENT_BODIES[(article_id + k) % len(COMMENT_BODIES)]} ({k + 1})",
                    status=status, created_at=self.now - timedelta(seconds=rng.randint(60, 3600 * 24 * 30)),
                ))
                if len(batch) >= BATCH * 5:
                    self._flush_comments(batch, progress)
            counts.setdefault(approved, []).append(article_id)
        self._flush_comments(batch, progress)
        progress.close()
        # Articles were created with comment_count 0; one UPDATE per distinct count sets it right.
        for approved, article_ids in counts.items():
            for start in range(0, len(article_ids), 10000):
                Article.objects.filter(pk__in=article_ids[start:start + 10000]).update(comment_count=approved)

    @staticmethod
    def _flush_comments(batch, progress):
        if batch:
            with transaction.atomic():
                Comment.objects.bulk_create(batch, batch_size=BATCH * 5)
            progress.add(len(batch))
            batch.clear()

    # -- statistics ---------------------------------------------------------------------------
    def _statistics(self, days):
        """A year of daily figures, so the statistics page has something to add up."""
        if days <= 0 or DailyStat.objects.exists():
            return
        rng = self.rng
        today = timezone.localdate()
        article_ids = list(Article.objects.published().order_by("-publish_at").values_list("pk", flat=True)[:2000])
        per_day = min(len(article_ids), 200)
        progress = Progress("stats", days)
        for offset in range(days):
            day = today - timedelta(days=offset + 1)
            views = rng.randint(2000, 20000)
            with transaction.atomic():
                DailyStat.objects.create(day=day, page_views=views, visits=views // 3, unique_readers=views // 5)
                DailyLanguageViews.objects.bulk_create([
                    DailyLanguageViews(day=day, language="vi", page_views=views * 4 // 5),
                    DailyLanguageViews(day=day, language="en", page_views=views - views * 4 // 5)])
                ArticleDailyReads.objects.bulk_create([
                    ArticleDailyReads(article_id=pk, day=day, reads=rng.randint(1, 300))
                    for pk in rng.sample(article_ids, per_day)])
            progress.add(1)
        progress.close()

    # -- the reference article ----------------------------------------------------------------
    def _reference(self, category):
        """The article the bench measures: a 2,000-word body, an image, 20 approved comments, 3 attachments."""
        if Article.objects.filter(slug=REFERENCE_SLUG).exists():
            return
        paragraphs = [PARAGRAPHS_VI[i % len(PARAGRAPHS_VI)] for i in range(60)]
        paragraphs_en = [PARAGRAPHS_EN[i % len(PARAGRAPHS_EN)] for i in range(60)]
        publish_at = self.now - timedelta(hours=1)
        # Through save(), so every derived field is exactly what the admin would store.
        article = Article(
            title_vi="Bài tham chiếu cho phép đo hiệu năng: hội nghị tổng kết chuyển đổi số",
            title_en="Benchmark reference article: digital transformation review conference",
            slug=REFERENCE_SLUG,
            summary_vi=PARAGRAPHS_VI[0], summary_en=PARAGRAPHS_EN[0],
            content_vi="".join(f"<p>{p}</p>" for p in paragraphs),
            content_en="".join(f"<p>{p}</p>" for p in paragraphs_en),
            image=self._image(), image_caption_vi="Ảnh minh họa", image_caption_en="Illustration",
            category=category, article_type=ArticleType.default(), publish_at=publish_at,
            author_name="Nguyễn Minh Tuấn", pen_name="Minh Tuấn", approval=Article.Approval.APPROVED,
            approved_at=publish_at, read_count=1234,
        )
        article.save()
        for k in range(3):
            name = f"attachments/bench/van-ban-{k + 1}.pdf"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(b"%PDF-1.4\n% bench\n"))
            Attachment.objects.create(article=article, title=f"Văn bản số {k + 1}", title_vi=f"Văn bản số {k + 1}",
                                      title_en=f"Document no. {k + 1}", file=name, order=k)
        Comment.objects.bulk_create(
            [Comment(article=article, name=NAMES[k % len(NAMES)], email="doc-gia@example.com",
                     body=f"{COMMENT_BODIES[k % len(COMMENT_BODIES)]} ({k + 1})",
                     status=Comment.Status.APPROVED if k < 20 else Comment.Status.PENDING,
                     created_at=self.now - timedelta(minutes=50 - k))
             for k in range(23)])
        Comment.update_comment_counts([article.pk])
