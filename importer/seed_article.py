"""The article of the scraped page of the agency's portal (/work/shared/seed), as the old list
held it: its summary, its paragraphs, and its three photos with their two captions."""

TITLE = "Hội nghị trực tuyến toàn quốc sơ kết công tác dân vận 6 tháng đầu năm 2021"
FRIENDLY_NAME = "Hoi-nghi-truc-tuyen-toan-quoc-so-ket-cong-tac-dan-van-6-thang-dau-nam-2021"
PUBLISHED = "13/07/2021 10:30"
BYLINE = "Trần Thông Thái-BDVTU"
# (photo file names, their caption) in the order the page shows them
PHOTOS = [(("TTTU-1.jpg",), "Điểm cầu trung tâm tại Hà Nội"), (("TTTU-2.jpg", "TTTU-3.jpg"), "Điểm cầu Bình Dương")]

SUMMARY = (
    'Sáng ngày 13/7/2021, Ban Dân vận Trung ương tổ chức Hội nghị trực tuyến toàn quốc sơ kết công '
    'tác dân vận 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2021. Tại điểm cầu trung tâm '
    'tại Hà Nội, dự và chỉ đạo Hội nghị có đồng chí Bùi Thị Minh Hoài, Bí thư Trung ương Đảng, Trưởng'
    ' Ban Dân vận Trung ương.'
)

# Paragraphs; None marks where the photos of PHOTOS come, in turn.
PARAGRAPHS = [
    None,
    (
        'Tại điểm cầu Bình Dương đến dự và chủ trì hội nghị có đồng chí Võ Văn Minh, Phó Bí thư Tỉnh '
        'ủy, Chủ tịch Ủy ban nhân dân Tỉnh; Đ/c Nguyễn Văn Lộc, UVTV, Trưởng Ban Dân vận Tỉnh ủy, Chủ'
        ' tịch Ủy ban Mặt trận Tổ quốc Việt Nam Tỉnh.'
    ),
    (
        'Theo đánh giá của Ban Dân vận Trung ương, trong 6 tháng đầu năm 2021 công tác dân vận của hệ'
        ' thống chính trị có nhiều chuyển biến tích cực; hệ thống dân vận đã chủ động tham mưu cấp ủy'
        ' các cấp lãnh đạo thực hiện hiệu quả công tác dân vận của Đảng; triển khai thực hiện công '
        'tác dân vận năm 2021; tiếp tục đổi mới nội dung, phương thức vận động nhân dân trong điều '
        'kiện ảnh hưởng do dịch bệnh Covid-19 gắn với nhiệm vụ chính trị của địa phương, đơn vị. Tích'
        ' cực triển khai học tập, quán triệt xây dựng chương trình hành động thực hiện Nghị quyết Đại'
        ' hội Đảng Toàn quốc lần thứ XIII và nghị quyết Đại hội Đảng bộ các Tỉnh, thành nhiệm kỳ '
        '2020-2025; phối hợp vận động nhân dân tham gia cuộc bầu cử đại biểu Quốc hội khóa XV, đại '
        'biểu Hội đồng nhân dân các cấp, nhiệm kỳ 2021-2026. Đẩy mạnh công tác tuyên truyền, vận động'
        ' nhân dân đoàn kết, quyết tâm phòng, chống dịch Covid-19 và tổ chức các hoạt động quyên góp,'
        ' ủng hộ, hỗ trợ công tác phòng chống dịch. Hướng dẫn, động viên cán bộ, đảng viên và nhân '
        'dân tích cực tham gia các cuộc vận động, các phong trào thi đua yêu nước, trọng tâm là phong'
        ' trào thi đua "Dân vận khéo", cuộc vận động "Toàn dân đoàn kết xây dựng nông thôn mới, đô '
        'thị văn minh".'
    ),
    (
        'Công tác chỉ đạo thực hiện quy chế dân chủ ở 3 loại hình cơ sở tiếp tục được quan tâm. Các '
        'cấp chính quyền tập trung phát triển kinh tế - xã hội gắn với thực hiện quyết liệt, đồng bộ '
        'các giải pháp phòng chống dịch bệnh Covid-19 và đảm bảo an sinh xã hội. Đẩy mạnh cải cách '
        'hành chính, trọng tâm là cải cách thủ tục hành chính, nâng cao ý thức trách nhiệm trong thực'
        ' thi nhiệm vụ, công vụ của cán bộ, công chức, viên chức, nhất là người đứng đầu; tăng cường '
        'giải quyết những khó khăn, bức xúc trong nhân dân thông qua việc tổ chức nhiều cuộc tiếp '
        'xúc, đối thoại. Lực lượng vũ trang tăng cường công tác tuyên truyền, bám địa bàn, tham mưu '
        'xử lý kịp thời các vụ việc phức tạp nảy sinh. Mặt trận Tổ quốc và các tổ chức chính trị - xã'
        ' hội tiếp tục đổi mới nội dung, phương thức hoạt động, thực hiện tốt việc chăm lo đời sống '
        'vật chất, tinh thần cho đoàn viên, hội viên.'
    ),
    (
        'Phát biểu chỉ đạo và kết luận hội nghị đồng chí Bùi Thị Minh Hoài, Bí thư Trung ương Đảng, '
        'Trưởng Ban Dân vận Trung ương đánh giá cao những kết quả đạt được của công tác dân vận trong'
        ' 6 tháng đầu năm 2021. Đồng thời, đồng chí yêu cầu Ban Dân vận các Tỉnh, Thành tiếp tục nắm '
        'tình hình nhân dân, tham mưu giúp cấp ủy lãnh đạo, chỉ đạo tốt công tác phòng chống dịch '
        'bệnh Covid-19 theo chỉ đạo của Chính phủ gắn với thực hiện nhiệm vụ kép phát triển kinh tế '
        'tại địa phương. Trong 6 tháng cuối năm 2021, đồng chí đề nghị Ban Dân vận các Tỉnh, Thành '
        'cần tập trung thực hiện một số nội dung trọng tâm sau:'
    ),
    (
        '- Tâp trung triển khai thực hiện chương trình hành động thực hiện Nghị quyết Đại hội Đảng '
        'Toàn quốc lần thứ XIII về công tác dân vận; Nghị quyết Đại hội Đảng bộ các cấp nhiệm kỳ '
        '2020-2025.'
    ),
    (
        '- Triển khai có hiệu quả năm "Đẩy mạnh thực hiện Quy chế dân chủ ở cơ sở" với các nội dung '
        'trọng tâm theo Hướng dẫn số 01-HD/BDVTW, ngày 16/3/2021 của Ban Dân vận Trung ương hướng dẫn'
        ' một số nhiệm vụ trọng tâm thực hiện quy chế dân chủ ở cơ sở năm 2021.'
    ),
    (
        '- Tham mưu thực hiện các đề án của Bộ Chính trị và Ban Bí thư như: Tổng kết 10 năm thực hiện'
        ' Kết luận số 08-KL/TW, ngày 02/8/2011 của Ban Bí thư; 10 năm thực hiện Nghị quyết số '
        '09-NQ/TW, ngày 09/12/2011 của Bộ Chính trị khóa XI về xây dựng và phát huy vai trò của đội '
        'ngũ doanh nhân Việt Nam trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa và hội nhập '
        'quốc tế; 10 năm thực hiện Chỉ thị 43-CT/TW, ngày 8/6/2010 của Ban Bí thư (khóa X) về tăng '
        'cường sự lãnh đạo của Đảng đối với công tác Hội Chữ thập đỏ Việt Nam; 5 năm thực hiện Kết '
        'Luận số 120-KL/TW, ngày 07/1/2016 của Bộ Chính trị (khóa XI) về tiếp tục đẩy mạnh, nâng cao '
        'chất lượng, hiệu quả xây dựng và thực hiện quy chế dân chủ ở cơ sở.'
    ),
    (
        '- Tiếp tục tuyên truyền, vận động các tầng lớp nhân dân tích cực thực hiện chủ trương của '
        'Đảng, chính sách pháp luật của nhà nước, chất lượng trong xây dựng nông thôn mới, đô thị văn'
        ' minh, giảm nghèo bền vững; phòng chống dịch bệnh Covid-19, tham gia ủng hộ các hoạt động '
        'thiện nguyện phòng chống dịch.'
    ),
    None,
    (
        'Cũng trong sáng nay, tại điểm cầu Bình Dương đã lồng ghép hội nghị sơ kết công tác dân vận '
        'Bình Dương trong 6 tháng đầu năm 2021. Phát biểu chỉ đạo tại hội nghị đồng chí Võ Văn Minh, '
        'Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân Tỉnh đánh giá cao những được quả đạt được của '
        'công tác dân vận trong 6 tháng đầu năm 2021. Trong 6 tháng cuối năm 2021 đồng chí yêu cầu '
        'Ban Dân vận các cấp tiếp tục thực hiện một số nhiệm vụ trọng tâm sau: Tiếp tục tuyên truyền '
        'sâu rộng trong đoàn viên, hội viên và nhân dân về công tác phòng chống dịch bệnh Covid-19; '
        'vận động các nguồn lực tham gia ủng hộ công tác phòng chống dịch bệnh Covid-19. Đặc biệt, '
        'phối hợp chỉ đạo củng cố, kiện toàn, xây dựng các Tổ Covid cộng đồng và Tổ an toàn Covid, '
        'đảm bảo các tổ chức hoạt động thực chất, hiệu quả, làm cầu nối về công tác phòng, chống dịch'
        ' giữa chính quyền, ngành y tế đến với cộng nhân lao động doanh nghiệp và nhân dân trong '
        'Tỉnh; phối hợp với các ngành chức năng hỗ trợ các đối tượng gặp khó khăn trong đợt dịch bệnh'
        ' này theo Nghị quyết số 68 của Chính phủ về một số chính sách hỗ trợ người lao động và người'
        ' sử dụng lao động gặp khó khăn do đại dịch Covid-19; triển khai chương trình hành động của '
        'Tỉnh ủy thực hiện Nghị quyết Đại hội XIII của Đảng và Nghị quyết Đại hội Đảng bộ tỉnh Bình '
        'Dương lần thứ XI về tiếp tục nâng cao chất lượng, hiệu quả công tác dân vận trong tình hình '
        'mới; tiếp tục đẩy mạnh phong trào thi đua "Dân vận khéo"; cần đề ra một số giải pháp phù hợp'
        ' với công tác vận động nhân dân trong tình hình mới, tạo sự đồng thuận, phát huy sức mạnh '
        'của cả hệ thống chính trị, góp phần thực hiện thắng lợi các nhiệm vụ đã đề ra trong năm '
        '2021.'
    ),
]
